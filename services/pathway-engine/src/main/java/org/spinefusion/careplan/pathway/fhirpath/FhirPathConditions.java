package org.spinefusion.careplan.pathway.fhirpath;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.fhirpath.ExpressionNode;
import org.hl7.fhir.r4.fhirpath.FHIRPathEngine;
import org.hl7.fhir.r4.hapi.ctx.HapiWorkerContext;
import org.hl7.fhir.r4.model.Base;

/**
 * Evaluates the FHIRPath conditions written in the pathway artifacts, with named variables such as
 * {@code %surgery} or {@code %response}. Expressions are parsed once and cached; evaluation is thread-safe
 * because each thread gets its own FHIRPath engine. The engines learn the FHIR types from {@link SpecificationTypes},
 * so building them does not parse the whole FHIR specification.
 */
public final class FhirPathConditions {

    private final Map<String, ExpressionNode> parsed = new ConcurrentHashMap<>();
    private final ThreadLocal<FHIRPathEngine> engines;

    public FhirPathConditions(FhirContext fhirContext) {
        HapiWorkerContext workerContext = new HapiWorkerContext(fhirContext, new SpecificationTypes(fhirContext));
        this.engines = ThreadLocal.withInitial(() -> {
            FHIRPathEngine engine = new FHIRPathEngine(workerContext);
            engine.setHostServices(new NamedVariables());
            return engine;
        });
    }

    /**
     * Parses an expression, failing with {@link InvalidExpressionException} on a syntax error, so that a broken
     * artifact is found when the pathway loads rather than when a patient's plan is made.
     */
    public ExpressionNode parse(String expression) {
        return parsed.computeIfAbsent(expression, text -> {
            try {
                return engines.get().parse(text);
            } catch (RuntimeException e) {
                throw new InvalidExpressionException(text, e);
            }
        });
    }

    /** True when the expression yields {@code true} (FHIRPath boolean conversion; empty is false). */
    public boolean isTrue(String expression, Base focus, Map<String, ? extends Base> variables) {
        List<Base> result = evaluate(expression, focus, variables);
        return engines.get().convertToBoolean(result);
    }

    public List<Base> evaluate(String expression, Base focus, Map<String, ? extends Base> variables) {
        ExpressionNode node = parse(expression);
        try {
            return engines.get().evaluate(variables, focus, focus, focus, node);
        } catch (RuntimeException e) {
            throw new InvalidExpressionException(expression, e);
        }
    }
}
