package org.spinefusion.careplan.ehr;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The stock HAPI FHIR JPA server of {@link JpaEhrConfig}, served over HTTP at {@code /fhir} by an embedded Tomcat on
 * a free port. Started once per test JVM ({@link #shared()}): its schema takes most of a minute to create.
 */
final class JpaEhr {

    private final AnnotationConfigApplicationContext spring;
    private final Tomcat tomcat;
    private final FhirContext fhir;
    private final String baseUrl;
    final Duration startup;

    private JpaEhr(AcceptanceDatabase.Connection database) throws Exception {
        Instant started = Instant.now();
        spring = new AnnotationConfigApplicationContext();
        spring.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "ehr",
                        Map.of(
                                JpaEhrConfig.JDBC_URL, database.url(),
                                JpaEhrConfig.JDBC_USER, database.user(),
                                JpaEhrConfig.JDBC_PASSWORD, database.password())));
        spring.register(JpaEhrConfig.class);
        spring.refresh();
        fhir = spring.getBean(FhirContext.class);
        RestfulServer server = restfulServer();
        Path base = Files.createTempDirectory("jpa-ehr");
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(0);
        tomcat.getConnector();
        Context context = tomcat.addContext("", base.toString());
        Tomcat.addServlet(context, "fhir", server).setLoadOnStartup(1);
        context.addServletMappingDecoded("/fhir/*", "fhir");
        tomcat.start();
        baseUrl = "http://localhost:" + tomcat.getConnector().getLocalPort() + "/fhir";
        startup = Duration.between(started, Instant.now());
    }

    static JpaEhr shared() {
        return Holder.EHR;
    }

    String baseUrl() {
        return baseUrl;
    }

    FhirContext fhir() {
        return fhir;
    }

    IGenericClient client() {
        fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        fhir.getRestfulClientFactory().setSocketTimeout(60_000);
        return fhir.newRestfulGenericClient(baseUrl);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private RestfulServer restfulServer() {
        RestfulServer server = new RestfulServer(fhir);
        server.registerProviders(spring.getBean(ResourceProviderFactory.class).createProviders());
        server.registerProvider(spring.getBean(JpaSystemProvider.class));
        server.setPagingProvider(spring.getBean(DatabaseBackedPagingProvider.class));
        IFhirSystemDao systemDao = spring.getBean(IFhirSystemDao.class);
        server.setServerConformanceProvider(new JpaCapabilityStatementProvider(
                server,
                systemDao,
                spring.getBean(JpaStorageSettings.class),
                spring.getBean(ISearchParamRegistry.class),
                spring.getBean(IValidationSupport.class)));
        return server;
    }

    private void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (Exception ignored) {
            // the JVM is exiting
        }
        spring.close();
    }

    private static final class Holder {
        static final JpaEhr EHR = start();

        private static JpaEhr start() {
            try {
                JpaEhr ehr = new JpaEhr(AcceptanceDatabase.fresh("ehr"));
                Runtime.getRuntime().addShutdownHook(new Thread(ehr::close));
                return ehr;
            } catch (Exception e) {
                throw new IllegalStateException("The HAPI FHIR JPA server did not start", e);
            }
        }
    }
}
