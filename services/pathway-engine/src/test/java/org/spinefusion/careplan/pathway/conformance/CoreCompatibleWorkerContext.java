package org.spinefusion.careplan.pathway.conformance;

import ca.uhn.fhir.context.support.IValidationSupport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r5.model.CodeSystem;
import org.hl7.fhir.r5.model.Resource;
import org.hl7.fhir.r5.terminologies.client.TerminologyClientManager;

/**
 * HAPI 8.8.1's bridge between its validation support chain and the FHIR core validator, completed for core
 * 6.10, which we keep for its XML entity fixes. That core line added version-resolution variants of the lookup
 * methods and an analysis cache to {@code IWorkerContext}; HAPI 8.8.1 predates them. The variants delegate to the
 * lookups HAPI already implements (our package holds one version of each artifact, so there is nothing to
 * resolve), and the cache is a plain map, as in the core's own contexts. Remove this class once HAPI ships a
 * validator built against core 6.10.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
class CoreCompatibleWorkerContext extends WorkerContextValidationSupportAdapter {

    private final Map<Class<?>, Object> analyses = new ConcurrentHashMap<>();

    CoreCompatibleWorkerContext(IValidationSupport validationSupport) {
        super(validationSupport);
    }

    @Override
    public <T extends Resource> T fetchResource(Class<T> type, String uri, VersionResolutionRules rules) {
        return fetchResource(type, uri);
    }

    @Override
    public <T extends Resource> T fetchResource(
            Class<T> type, String uri, VersionResolutionRules rules, String version, Resource source) {
        return fetchResource(type, uri, version, source);
    }

    @Override
    public <T extends Resource> T fetchResourceWithException(Class<T> type, String uri, VersionResolutionRules rules)
            throws FHIRException {
        return fetchResourceWithException(type, uri);
    }

    @Override
    public <T extends Resource> T fetchResourceWithException(
            Class<T> type, String uri, VersionResolutionRules rules, String version, Resource source)
            throws FHIRException {
        return fetchResourceWithException(type, uri, version, source);
    }

    @Override
    public <T extends Resource> T fetchResourceRaw(Class<T> type, String uri, VersionResolutionRules rules) {
        return fetchResourceRaw(type, uri);
    }

    @Override
    public <T extends Resource> T findTxResource(Class<T> type, String canonical, VersionResolutionRules rules) {
        return findTxResource(type, canonical);
    }

    @Override
    public <T extends Resource> T findTxResource(
            Class<T> type, String canonical, VersionResolutionRules rules, String version, Resource source) {
        return findTxResource(type, canonical, version, source);
    }

    @Override
    public CodeSystem fetchCodeSystem(String system, VersionResolutionRules rules) {
        return fetchCodeSystem(system);
    }

    @Override
    public CodeSystem fetchCodeSystem(String system, VersionResolutionRules rules, String version, Resource source) {
        return fetchCodeSystem(system, version, source);
    }

    @Override
    public CodeSystem fetchCodeSystem(
            String system, VersionResolutionRules rules, String version, Resource source, boolean supplements) {
        return fetchCodeSystem(system, version, source);
    }

    @Override
    public CodeSystem fetchSupplementedCodeSystem(String system, VersionResolutionRules rules) {
        return fetchSupplementedCodeSystem(system);
    }

    @Override
    public CodeSystem fetchSupplementedCodeSystem(
            String system, VersionResolutionRules rules, String version, List<String> supplements, Resource source) {
        return fetchSupplementedCodeSystem(system, version, source);
    }

    @Override
    public long getDefinitionsVersion() {
        return 0;
    }

    @Override
    public TerminologyClientManager getTerminologyClientManager() {
        return null;
    }

    @Override
    public void storeAnalysis(Class className, Object analysis) {
        analyses.put(className, analysis);
    }

    @Override
    public Object retrieveAnalysis(Class className) {
        return analyses.get(className);
    }
}
