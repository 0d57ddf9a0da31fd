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
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The stock HAPI FHIR JPA server of {@link JpaEhrConfig}, served over HTTP at {@code /fhir} by an embedded Tomcat on
 * a free port. Started once per test JVM ({@link #shared()}): its schema takes most of a minute to create. Its HTTP
 * side can be stopped and started again on the same port ({@link #stopHttp()}, {@link #startHttp()}): an EHR that is
 * down refuses connections, and comes back on the same address with the same database.
 */
final class JpaEhr {

    private final AnnotationConfigApplicationContext spring;
    private final Tomcat tomcat;
    private final FhirContext fhir;
    private final String baseUrl;
    private final int port;
    final Duration startup;

    final AcceptanceDatabase.Connection database;

    private JpaEhr(AcceptanceDatabase.Connection database) throws Exception {
        this.database = database;
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
        port = freePort();
        tomcat.setPort(port);
        // Unbound when stopped, so a stopped EHR refuses connections instead of leaving them queued unanswered.
        tomcat.getConnector().setProperty("bindOnInit", "false");
        Context context = tomcat.addContext("", base.toString());
        Tomcat.addServlet(context, "fhir", server).setLoadOnStartup(1);
        context.addServletMappingDecoded("/fhir/*", "fhir");
        tomcat.start();
        baseUrl = "http://localhost:" + port + "/fhir";
        startup = Duration.between(started, Instant.now());
    }

    static JpaEhr shared() {
        return Holder.EHR;
    }

    /** A server of its own on {@code database}, for a JVM that runs nothing else ({@link StandaloneJpaEhr}). */
    static JpaEhr start(AcceptanceDatabase.Connection database) throws Exception {
        return new JpaEhr(database);
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

    /** The EHR goes down: its port closed, connections open to it cut; its Spring context and database stay. */
    synchronized void stopHttp() throws LifecycleException {
        tomcat.getConnector().stop();
    }

    /** The EHR is back, on the same port. */
    synchronized void startHttp() throws LifecycleException {
        tomcat.getConnector().start();
        if (tomcat.getConnector().getLocalPort() != port) {
            throw new IllegalStateException("the EHR came back on port " + tomcat.getConnector().getLocalPort());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
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

    void close() {
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
