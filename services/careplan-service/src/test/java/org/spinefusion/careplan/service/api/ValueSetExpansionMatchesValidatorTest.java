package org.spinefusion.careplan.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport.ValueSetExpansionOutcome;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.context.support.ValueSetExpansionOptions;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ValueSetExpansionContainsComponent;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.pathway.PathwayPackage;

/**
 * The served {@code $expand} is our own small expansion, so that the production jar need not carry HAPI's validator;
 * here, in the tests, the validator's in-memory terminology service expands every package ValueSet over the
 * package's CodeSystems, and ours must give the very same codes, systems and displays.
 */
class ValueSetExpansionMatchesValidatorTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final PathwayPackage PACKAGE = PathwayPackage.fromClasspath(FHIR);

    @Test
    void everyPackageValueSetExpandsAsHapisValidatorExpandsIt() {
        List<ValueSet> valueSets = PACKAGE.resources().stream()
                .filter(ValueSet.class::isInstance)
                .map(ValueSet.class::cast)
                .toList();
        assertThat(valueSets).hasSizeGreaterThan(10);

        for (ValueSet valueSet : valueSets) {
            List<String> ours =
                    described(ValueSetExpansion.codes(valueSet, ValueSetExpansionMatchesValidatorTest::packaged));
            List<String> hapis = described(validatorExpansion(valueSet));
            // HAPI's order follows a hash map; ours is the CodeSystem's own order, which a form filler shows.
            assertThat(ours).as(valueSet.getUrl()).isNotEmpty().containsExactlyInAnyOrderElementsOf(hapis);
        }
    }

    @Test
    void aValueSetUsingWhatOursDoesNotExpandIsRefusedNotGuessed() {
        ValueSet filtered = new ValueSet();
        filtered.getCompose()
                .addInclude()
                .setSystem("http://snomed.info/sct")
                .addFilter()
                .setProperty("concept")
                .setOp(ValueSet.FilterOperator.ISA)
                .setValue("55705006");
        ValueSet unknownSystem = new ValueSet();
        unknownSystem.getCompose().addInclude().setSystem("http://example.org/not-held");

        assertThatThrownBy(() -> ValueSetExpansion.codes(filtered, ValueSetExpansionMatchesValidatorTest::packaged))
                .isInstanceOf(UnprocessableEntityException.class);
        assertThatThrownBy(
                        () -> ValueSetExpansion.codes(unknownSystem, ValueSetExpansionMatchesValidatorTest::packaged))
                .isInstanceOf(UnprocessableEntityException.class);
    }

    private static Optional<CodeSystem> packaged(String url) {
        return PACKAGE.byCanonical(url, CodeSystem.class);
    }

    private static List<ValueSetExpansionContainsComponent> validatorExpansion(ValueSet valueSet) {
        PrePopulatedValidationSupport codeSystems = new PrePopulatedValidationSupport(FHIR);
        PACKAGE.resources().stream().filter(CodeSystem.class::isInstance).forEach(codeSystems::addCodeSystem);
        InMemoryTerminologyServerValidationSupport inMemory = new InMemoryTerminologyServerValidationSupport(FHIR);
        ValidationSupportContext context =
                new ValidationSupportContext(new ValidationSupportChain(codeSystems, inMemory));
        ValueSetExpansionOutcome outcome = inMemory.expandValueSet(context, new ValueSetExpansionOptions(), valueSet);
        assertThat(outcome).as(valueSet.getUrl()).isNotNull();
        assertThat(outcome.getError()).as(valueSet.getUrl()).isNull();
        return ((ValueSet) outcome.getValueSet()).getExpansion().getContains();
    }

    private static List<String> described(List<ValueSetExpansionContainsComponent> codes) {
        return codes.stream()
                .map(code -> code.getSystem() + "|" + code.getVersion() + "|" + code.getCode() + "|" + code.getDisplay()
                        + "|" + code.getContains().size() + "|"
                        + code.getDesignation().size())
                .toList();
    }
}
