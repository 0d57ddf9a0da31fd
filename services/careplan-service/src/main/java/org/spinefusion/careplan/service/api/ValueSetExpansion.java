package org.spinefusion.careplan.service.api;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport.ValueSetExpansionOutcome;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.context.support.ValueSetExpansionOptions;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.Clock;
import java.util.Date;
import java.util.Locale;
import java.util.UUID;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetComponent;
import org.springframework.stereotype.Component;

/**
 * Expands a stored ValueSet with HAPI's in-memory terminology service, over the CodeSystems stored beside it (the
 * package's). Codes of systems we do not hold (SNOMED CT, LOINC) are expanded from the concepts the ValueSet lists.
 */
@Component
class ValueSetExpansion {

    private final FhirResourceService resources;
    private final FhirContext fhirContext;
    private final Clock clock;

    ValueSetExpansion(FhirResourceService resources, FhirContext fhirContext, Clock clock) {
        this.resources = resources;
        this.fhirContext = fhirContext;
        this.clock = clock;
    }

    /** @param filter when not null, keeps the codes whose display or code contains it, ignoring case */
    ValueSet expand(ValueSet valueSet, String filter) {
        PrePopulatedValidationSupport codeSystems = new PrePopulatedValidationSupport(fhirContext);
        for (ConceptSetComponent include : valueSet.getCompose().getInclude()) {
            if (include.hasSystem()) {
                resources.currentByUrl("CodeSystem", include.getSystem(), null).ifPresent(codeSystems::addCodeSystem);
            }
        }
        InMemoryTerminologyServerValidationSupport inMemory =
                new InMemoryTerminologyServerValidationSupport(fhirContext);
        ValidationSupportContext context =
                new ValidationSupportContext(new ValidationSupportChain(codeSystems, inMemory));
        ValueSetExpansionOutcome outcome = inMemory.expandValueSet(context, new ValueSetExpansionOptions(), valueSet);
        if (outcome == null || outcome.getValueSet() == null) {
            throw new UnprocessableEntityException("The ValueSet cannot be expanded here");
        }
        ValueSet expanded = (ValueSet) outcome.getValueSet();
        ValueSet result = valueSet.copy();
        result.setExpansion(expanded.getExpansion());
        ValueSet.ValueSetExpansionComponent expansion = result.getExpansion();
        if (filter != null) {
            String wanted = filter.toLowerCase(Locale.ROOT);
            expansion.getContains().removeIf(code -> !matches(code, wanted));
            expansion.addParameter().setName("filter").setValue(new org.hl7.fhir.r4.model.StringType(filter));
        }
        expansion.setIdentifier("urn:uuid:" + UUID.randomUUID());
        expansion.setTimestamp(Date.from(clock.instant()));
        expansion.setTotal(expansion.getContains().size());
        expansion.setOffset(0);
        return result;
    }

    private static boolean matches(ValueSet.ValueSetExpansionContainsComponent code, String wanted) {
        return (code.hasDisplay() && code.getDisplay().toLowerCase(Locale.ROOT).contains(wanted))
                || (code.hasCode() && code.getCode().toLowerCase(Locale.ROOT).contains(wanted));
    }
}
