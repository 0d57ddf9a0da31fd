package org.spinefusion.careplan.service.api;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ConceptReferenceComponent;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetComponent;
import org.hl7.fhir.r4.model.ValueSet.ValueSetExpansionContainsComponent;
import org.springframework.stereotype.Component;

/**
 * Expands a stored ValueSet of the kind our package writes: each include names a system and either lists its
 * concepts (SNOMED CT, HL7 codes we do not hold) or takes the whole of a complete CodeSystem stored beside it.
 * Filters, excludes and imported value sets are refused with 422 rather than expanded wrongly; none of ours uses
 * them. A test holds every package ValueSet's expansion to what HAPI's validator expands, so production does not
 * need to carry the validator for this.
 */
@Component
class ValueSetExpansion {

    private final FhirResourceService resources;
    private final Clock clock;

    ValueSetExpansion(FhirResourceService resources, Clock clock) {
        this.resources = resources;
        this.clock = clock;
    }

    /** @param filter when not null, keeps the codes whose display or code contains it, ignoring case */
    ValueSet expand(ValueSet valueSet, String filter) {
        List<ValueSetExpansionContainsComponent> codes = codes(valueSet, this::storedCodeSystem);
        ValueSet result = valueSet.copy();
        ValueSet.ValueSetExpansionComponent expansion = result.getExpansion();
        expansion.setContains(codes);
        if (filter != null) {
            String wanted = filter.toLowerCase(Locale.ROOT);
            expansion.getContains().removeIf(code -> !matches(code, wanted));
            expansion.addParameter().setName("filter").setValue(new StringType(filter));
        }
        expansion.setIdentifier("urn:uuid:" + UUID.randomUUID());
        expansion.setTimestamp(Date.from(clock.instant()));
        expansion.setTotal(expansion.getContains().size());
        expansion.setOffset(0);
        return result;
    }

    /** The codes of the value set, in the order its includes and their CodeSystems give them. */
    static List<ValueSetExpansionContainsComponent> codes(
            ValueSet valueSet, Function<String, Optional<CodeSystem>> codeSystems) {
        ValueSet.ValueSetComposeComponent compose = valueSet.getCompose();
        if (compose.hasExclude()) {
            throw notHere();
        }
        List<ValueSetExpansionContainsComponent> codes = new ArrayList<>();
        for (ConceptSetComponent include : compose.getInclude()) {
            if (!include.hasSystem() || include.hasFilter() || include.hasValueSet() || include.hasVersion()) {
                throw notHere();
            }
            if (include.hasConcept()) {
                for (ConceptReferenceComponent concept : include.getConcept()) {
                    codes.add(code(include.getSystem(), concept.getCode(), concept.getDisplay()));
                }
            } else {
                CodeSystem codeSystem = codeSystems
                        .apply(include.getSystem())
                        .filter(system -> system.getContent() == CodeSystem.CodeSystemContentMode.COMPLETE)
                        .orElseThrow(ValueSetExpansion::notHere);
                addAll(include.getSystem(), codeSystem.getConcept(), codes);
            }
        }
        return codes;
    }

    private Optional<CodeSystem> storedCodeSystem(String url) {
        return resources.currentByUrl("CodeSystem", url, null).map(CodeSystem.class::cast);
    }

    private static void addAll(
            String system, List<ConceptDefinitionComponent> concepts, List<ValueSetExpansionContainsComponent> codes) {
        for (ConceptDefinitionComponent concept : concepts) {
            codes.add(code(system, concept.getCode(), concept.getDisplay()));
            addAll(system, concept.getConcept(), codes);
        }
    }

    private static ValueSetExpansionContainsComponent code(String system, String code, String display) {
        return new ValueSetExpansionContainsComponent()
                .setSystem(system)
                .setCode(code)
                .setDisplay(display);
    }

    private static UnprocessableEntityException notHere() {
        return new UnprocessableEntityException("The ValueSet cannot be expanded here");
    }

    private static boolean matches(ValueSetExpansionContainsComponent code, String wanted) {
        return (code.hasDisplay() && code.getDisplay().toLowerCase(Locale.ROOT).contains(wanted))
                || (code.hasCode() && code.getCode().toLowerCase(Locale.ROOT).contains(wanted));
    }
}
