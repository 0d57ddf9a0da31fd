package org.spinefusion.careplan.pathway.fhirpath;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.StructureDefinition.TypeDerivationRule;
import org.junit.jupiter.api.Test;

/** The type list FHIRPath is given instead of the parsed specification, and type tests that need the real thing. */
class SpecificationTypesTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void theTypeListIsTheSpecificationsTypes() {
        List<StructureDefinition> specification = new DefaultProfileValidationSupport(FHIR)
                .fetchAllStructureDefinitions().stream()
                        .map(StructureDefinition.class::cast)
                        .filter(definition -> definition.getDerivation() == TypeDerivationRule.SPECIALIZATION)
                        .toList();
        List<String> expected = specification.stream()
                .map(SpecificationTypesTest::typesLine)
                .sorted()
                .toList();
        assertThat(SpecificationTypes.outlines().stream()
                        .map(SpecificationTypesTest::typesLine)
                        .sorted())
                .as("%s must list, tab-separated:%n%s", SpecificationTypes.TYPES, String.join("\n", expected))
                .containsExactlyElementsOf(expected);
        // What the outlines take for granted of every type: its canonical URL and type are its name.
        assertThat(specification).allSatisfy(type -> {
            assertThat(type.getUrl()).isEqualTo("http://hl7.org/fhir/StructureDefinition/" + type.getName());
            assertThat(type.getType()).isEqualTo(type.getName());
        });
    }

    @Test
    void theEngineIsGivenTheOutlines() {
        assertThat(new SpecificationTypes(FHIR).fetchAllStructureDefinitions())
                .isSameAs(SpecificationTypes.outlines())
                .hasSizeGreaterThan(200);
    }

    @Test
    void typeTestsFetchTheFullDefinitions() {
        FhirPathConditions conditions = new FhirPathConditions(FHIR);
        Observation weight = new Observation().setValue(new Quantity(82.5).setUnit("kg"));
        Observation note = new Observation().setValue(new StringType("82.5"));

        assertThat(conditions.isTrue("%o.value.ofType(Quantity).value > 80", weight, Map.of("o", weight)))
                .isTrue();
        assertThat(conditions.isTrue("%o.value is Quantity", weight, Map.of("o", weight)))
                .isTrue();
        assertThat(conditions.isTrue("%o.value.as(Quantity).value > 80", weight, Map.of("o", weight)))
                .isTrue();
        assertThat(conditions.isTrue("%o.value.ofType(Quantity).exists()", note, Map.of("o", note)))
                .isFalse();
        assertThat(conditions.isTrue("%o.value is string", note, Map.of("o", note)))
                .isTrue();
    }

    /** A line of the types file: name, kind, abstract or concrete, base type. */
    private static String typesLine(StructureDefinition type) {
        return String.join(
                "\t",
                type.getName(),
                type.getKind().toCode(),
                type.getAbstract() ? "abstract" : "concrete",
                type.hasBaseDefinition()
                        ? type.getBaseDefinition()
                                .substring(type.getBaseDefinition().lastIndexOf('/') + 1)
                        : "-");
    }
}
