package org.spinefusion.careplan.service.delivery;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.provider.HashMapResourceProvider;
import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;

/**
 * A real FHIR server playing the EHR: HAPI's RestfulServer with in-memory providers on an embedded Tomcat, with
 * identifier search, an optional read-only mode for CarePlan and Questionnaire (as Epic, Oracle, athena and MEDITECH
 * declare), a SMART token endpoint that checks client assertions, and injectable faults.
 */
final class TestEhr implements AutoCloseable {

    static final Set<String> PLAN_TYPES = Set.of("CarePlan", "Questionnaire");

    final FaultFilter faults = new FaultFilter();
    final SmartAuthorization auth;
    private final Tomcat tomcat = new Tomcat();
    private final Map<String, EhrProvider<?>> providers;
    private final boolean plansReadOnly;
    private final int port;

    private TestEhr(boolean plansReadOnly, boolean requireToken) throws Exception {
        this.plansReadOnly = plansReadOnly;
        FhirContext fhir = FhirContext.forR4Cached();
        providers = Map.of(
                "CarePlan", new EhrProvider<>(fhir, CarePlan.class),
                "Goal", new EhrProvider<>(fhir, Goal.class),
                "Questionnaire", new EhrProvider<>(fhir, Questionnaire.class),
                "Communication", new EhrProvider<>(fhir, Communication.class),
                "QuestionnaireResponse", new EhrProvider<>(fhir, QuestionnaireResponse.class),
                "DocumentReference", new EhrProvider<>(fhir, DocumentReference.class));
        RestfulServer server = new RestfulServer(fhir);
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.setResourceProviders(new ArrayList<>(providers.values()));
        server.registerInterceptor(new ReadOnlyPlans());
        File base = Files.createTempDirectory("test-ehr").toFile();
        tomcat.setBaseDir(base.getAbsolutePath());
        tomcat.setPort(0);
        tomcat.getConnector();
        Context context = tomcat.addContext("", base.getAbsolutePath());
        Tomcat.addServlet(context, "fhir", server).setLoadOnStartup(1);
        context.addServletMappingDecoded("/fhir/*", "fhir");
        auth = new SmartAuthorization(requireToken);
        Tomcat.addServlet(context, "token", auth.tokenServlet());
        context.addServletMappingDecoded("/token", "token");
        addFilter(context, "auth", auth);
        addFilter(context, "faults", faults);
        tomcat.start();
        port = tomcat.getConnector().getLocalPort();
        auth.tokenUrl(baseUrl().replace("/fhir", "/token"));
    }

    /** An EHR that writes every type. */
    static TestEhr nativeWrites() throws Exception {
        return new TestEhr(false, false);
    }

    /** An EHR that only reads CarePlan and Questionnaire, like the major EHRs. */
    static TestEhr readOnlyPlans() throws Exception {
        return new TestEhr(true, false);
    }

    static TestEhr withSmartAuth() throws Exception {
        return new TestEhr(false, true);
    }

    String baseUrl() {
        return "http://localhost:" + port + "/fhir";
    }

    @SuppressWarnings("unchecked")
    <T extends Resource> List<T> stored(Class<T> type) {
        return (List<T>) providers.get(type.getSimpleName()).getStoredResources();
    }

    /** How many copies the EHR holds of each delivered resource, by its delivery identifier value. */
    Map<String, Long> copiesByIdentifier(Class<? extends Resource> type, String system) {
        return stored(type).stream()
                .flatMap(resource -> identifiers(resource).stream())
                .filter(identifier -> system.equals(identifier.getSystem()))
                .collect(Collectors.groupingBy(Identifier::getValue, Collectors.counting()));
    }

    long creates(String type) {
        return providers.get(type).getCountCreate();
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }

    private static void addFilter(Context context, String name, jakarta.servlet.Filter filter) {
        FilterDef definition = new FilterDef();
        definition.setFilterName(name);
        definition.setFilter(filter);
        context.addFilterDef(definition);
        FilterMap map = new FilterMap();
        map.setFilterName(name);
        map.addURLPatternDecoded("/fhir/*");
        context.addFilterMap(map);
    }

    static List<Identifier> identifiers(Resource resource) {
        if (resource instanceof QuestionnaireResponse response) {
            return response.hasIdentifier() ? List.of(response.getIdentifier()) : List.of();
        }
        Function<Resource, List<Identifier>> read = r -> {
            if (r instanceof CarePlan c) {
                return c.getIdentifier();
            } else if (r instanceof Goal g) {
                return g.getIdentifier();
            } else if (r instanceof Communication c) {
                return c.getIdentifier();
            } else if (r instanceof Questionnaire q) {
                return q.getIdentifier();
            } else if (r instanceof DocumentReference d) {
                return d.getIdentifier();
            }
            return List.of();
        };
        return read.apply(resource);
    }

    /** In-memory storage with search by identifier, which the delivery uses to reconcile. */
    public static class EhrProvider<T extends IBaseResource> extends HashMapResourceProvider<T> {

        EhrProvider(FhirContext fhir, Class<T> type) {
            super(fhir, type);
        }

        @Search
        public synchronized List<IBaseResource> searchByIdentifier(
                @RequiredParam(name = "identifier") TokenParam identifier) {
            return getStoredResources().stream()
                    .filter(r -> identifiers((Resource) r).stream()
                            .anyMatch(i -> i.getValue().equals(identifier.getValue())
                                    && (identifier.getSystem() == null
                                            || identifier.getSystem().equals(i.getSystem()))))
                    .map(IBaseResource.class::cast)
                    .toList();
        }
    }

    /** In read-only mode CarePlan and Questionnaire lose create and update, in the CapabilityStatement and in fact. */
    public class ReadOnlyPlans {

        @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
        public void declare(IBaseConformance statement) {
            if (!plansReadOnly) {
                return;
            }
            for (CapabilityStatement.CapabilityStatementRestResourceComponent resource :
                    ((CapabilityStatement) statement).getRestFirstRep().getResource()) {
                if (PLAN_TYPES.contains(resource.getType())) {
                    resource.getInteraction()
                            .removeIf(i -> i.getCode() == CapabilityStatement.TypeRestfulInteraction.CREATE
                                    || i.getCode() == CapabilityStatement.TypeRestfulInteraction.UPDATE);
                }
            }
        }

        @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
        public void refuse(RequestDetails request, RestOperationTypeEnum operation) {
            if (plansReadOnly
                    && request.getResourceName() != null
                    && PLAN_TYPES.contains(request.getResourceName())
                    && (operation == RestOperationTypeEnum.CREATE || operation == RestOperationTypeEnum.UPDATE)) {
                throw new MethodNotAllowedException("this EHR does not accept " + request.getResourceName());
            }
        }
    }
}
