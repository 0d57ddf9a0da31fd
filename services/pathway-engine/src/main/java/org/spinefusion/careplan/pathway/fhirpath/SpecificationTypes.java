package org.spinefusion.careplan.pathway.fhirpath;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.StructureDefinition.StructureDefinitionKind;
import org.hl7.fhir.r4.model.StructureDefinition.TypeDerivationRule;

/**
 * The FHIR R4 specification's definitions as the FHIRPath engine sees them, without parsing them all at start-up.
 *
 * <p>Each FHIRPath engine asks for every StructureDefinition when it is built, only to learn the names and kinds of
 * the types. HAPI's support answers that by parsing the whole specification (about 650 definitions: seconds of CPU
 * on two cores and tens of MiB of heap) before the first condition can be parsed. Here the list comes from {@code
 * r4-types.tsv} instead: one outline per type, with name, kind, abstract flag and base. A full definition that an
 * expression does need (a type test such as {@code ofType(Quantity)}) is still fetched by URL from HAPI's support,
 * which parses the specification on that first request only.
 */
final class SpecificationTypes extends DefaultProfileValidationSupport {

    static final String TYPES = "r4-types.tsv";
    private static final String CANONICAL_BASE = "http://hl7.org/fhir/StructureDefinition/";
    private static final List<StructureDefinition> OUTLINES = readOutlines();

    SpecificationTypes(FhirContext fhirContext) {
        super(fhirContext);
    }

    /** Outlines of the types only (no elements); {@link #fetchStructureDefinition} gives the full definitions. */
    @Override
    @SuppressWarnings("unchecked")
    public <T extends IBaseResource> List<T> fetchAllStructureDefinitions() {
        return (List<T>) OUTLINES;
    }

    static List<StructureDefinition> outlines() {
        return OUTLINES;
    }

    private static List<StructureDefinition> readOutlines() {
        try (InputStream in = SpecificationTypes.class.getResourceAsStream(TYPES)) {
            if (in == null) {
                throw new IllegalStateException(TYPES + " is missing from the classpath");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(SpecificationTypes::outline)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StructureDefinition outline(String line) {
        String[] fields = line.split("\t");
        String name = fields[0];
        StructureDefinition type = new StructureDefinition();
        type.setUrl(CANONICAL_BASE + name);
        type.setName(name);
        type.setType(name);
        type.setKind(StructureDefinitionKind.fromCode(fields[1]));
        type.setAbstract("abstract".equals(fields[2]));
        type.setDerivation(TypeDerivationRule.SPECIALIZATION);
        if (!"-".equals(fields[3])) {
            type.setBaseDefinition(CANONICAL_BASE + fields[3]);
        }
        return type;
    }
}
