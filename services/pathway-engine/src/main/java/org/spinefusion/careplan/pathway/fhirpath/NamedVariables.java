package org.spinefusion.careplan.pathway.fhirpath;

import java.util.List;
import java.util.Map;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r4.fhirpath.FHIRPathEngine;
import org.hl7.fhir.r4.fhirpath.FHIRPathUtilityClasses.FunctionDetails;
import org.hl7.fhir.r4.fhirpath.IHostApplicationServices;
import org.hl7.fhir.r4.fhirpath.TypeDetails;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.utilities.fhirpath.FHIRPathConstantEvaluationMode;

/**
 * Resolves {@code %name} to the value the caller put in the evaluation's variable map. Nothing else: references
 * are never resolved, so a pathway expression cannot reach outside the data it is given.
 */
final class NamedVariables implements IHostApplicationServices {

    @Override
    public List<Base> resolveConstant(
            FHIRPathEngine engine, Object appContext, String name, FHIRPathConstantEvaluationMode mode) {
        if (mode != FHIRPathConstantEvaluationMode.EXPLICIT || !(appContext instanceof Map<?, ?> variables)) {
            return List.of();
        }
        Object value = variables.get(name.startsWith("%") ? name.substring(1) : name);
        return value instanceof Base base ? List.of(base) : List.of();
    }

    @Override
    public TypeDetails resolveConstantType(
            FHIRPathEngine engine, Object appContext, String name, FHIRPathConstantEvaluationMode mode) {
        return null;
    }

    @Override
    public boolean log(String argument, List<Base> focus) {
        return false;
    }

    @Override
    public FunctionDetails resolveFunction(FHIRPathEngine engine, String functionName) {
        return null;
    }

    @Override
    public TypeDetails checkFunction(
            FHIRPathEngine engine,
            Object appContext,
            String functionName,
            TypeDetails focus,
            List<TypeDetails> parameters) {
        return null;
    }

    @Override
    public List<Base> executeFunction(
            FHIRPathEngine engine,
            Object appContext,
            List<Base> focus,
            String functionName,
            List<List<Base>> parameters) {
        return List.of();
    }

    @Override
    public Base resolveReference(
            FHIRPathEngine engine, Object appContext, String url, Identifier identifier, Base refContext)
            throws FHIRException {
        return null;
    }

    @Override
    public boolean conformsToProfile(FHIRPathEngine engine, Object appContext, Base item, String url) {
        return false;
    }

    @Override
    public ValueSet resolveValueSet(FHIRPathEngine engine, Object appContext, String url) {
        return null;
    }

    @Override
    public boolean paramIsType(String name, int index) {
        return false;
    }
}
