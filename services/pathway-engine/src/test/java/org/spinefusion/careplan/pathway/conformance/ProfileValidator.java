package org.spinefusion.careplan.pathway.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.spinefusion.careplan.pathway.PathwayPackage;

/**
 * HAPI's instance validator loaded with FHIR R4 and the profiles, value sets and code systems of our package.
 * Profiles ship as differentials; their snapshots are generated once and cached by the support chain.
 * Codes of terminologies we do not ship (SNOMED CT, LOINC) are reported as warnings, not errors: checking them
 * needs a terminology server.
 */
public final class ProfileValidator {

    private final FhirValidator validator;

    public ProfileValidator(FhirContext fhirContext, PathwayPackage pathwayPackage) {
        PrePopulatedValidationSupport ours = new PrePopulatedValidationSupport(fhirContext);
        for (Resource resource : pathwayPackage.resources()) {
            if (resource instanceof StructureDefinition definition) {
                ours.addStructureDefinition(definition);
            } else if (resource instanceof ValueSet valueSet) {
                ours.addValueSet(valueSet);
            } else if (resource instanceof CodeSystem codeSystem) {
                ours.addCodeSystem(codeSystem);
            }
        }
        UnknownCodeSystemWarningValidationSupport unknownCodeSystems =
                new UnknownCodeSystemWarningValidationSupport(fhirContext);
        unknownCodeSystems.setNonExistentCodeSystemSeverity(
                ca.uhn.fhir.context.support.IValidationSupport.IssueSeverity.WARNING);
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(fhirContext),
                ours,
                new SnapshotGeneratingValidationSupport(fhirContext),
                new InMemoryTerminologyServerValidationSupport(fhirContext),
                new CommonCodeSystemsTerminologyService(fhirContext),
                unknownCodeSystems);
        FhirInstanceValidator instanceValidator = new FhirInstanceValidator(chain);
        instanceValidator.setWrappedWorkerContext(chain, new CoreCompatibleWorkerContext(chain));
        instanceValidator.setAnyExtensionsAllowed(false);
        this.validator = fhirContext.newValidator().registerValidatorModule(instanceValidator);
    }

    /** Every message of severity error or fatal, each as "location: message". Empty means valid. */
    public List<String> errors(IBaseResource resource) {
        ValidationResult result = validator.validateWithResult(resource);
        return result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(ProfileValidator::describe)
                .toList();
    }

    private static String describe(SingleValidationMessage message) {
        return message.getLocationString() + ": " + message.getMessage();
    }
}
