package org.spinefusion.careplan.service.api;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.ETagSupportEnum;
import ca.uhn.fhir.rest.server.IPagingProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ServerCapabilityStatementProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/** Builds the HAPI server from the provider and interceptor beans and mounts it at {@code /fhir/*}. */
@Configuration(proxyBeanMethods = false)
class FhirServerConfiguration {

    static final String PUBLISHER = "Spinal fusion care plan service";
    static final String FHIR_PATH = "/fhir/*";

    @Bean
    RestfulServer fhirServer(
            FhirContext fhirContext,
            List<IResourceProvider> resourceProviders,
            IPagingProvider pagingProvider,
            FhirServerProperties properties,
            ObjectProvider<BuildProperties> build,
            PublicBaseUrl baseUrl,
            ApplicationContext context) {
        RestfulServer server = new RestfulServer(strictParsing(fhirContext));
        server.setServerName(PUBLISHER);
        // Our version, not HAPI's: build-info is written by the build; a bare classes directory has none.
        BuildProperties buildInfo = build.getIfAvailable();
        server.setServerVersion(buildInfo == null ? "unversioned" : buildInfo.getVersion());
        server.setImplementationDescription("FHIR R4 care plans for spinal fusion surgery episodes");
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.setDefaultPrettyPrint(false);
        server.setETagSupport(ETagSupportEnum.ENABLED);
        server.setPagingProvider(pagingProvider);
        server.setServerAddressStrategy(new TrustedBaseUrl(baseUrl, context.getEnvironment()));
        server.setResourceProviders(resourceProviders);
        server.registerProviders(plainProviders(context));
        context.getBeansWithAnnotation(Interceptor.class).values().forEach(server::registerInterceptor);
        ServerCapabilityStatementProvider capabilities = new ServerCapabilityStatementProvider(server);
        capabilities.setPublisher(PUBLISHER);
        server.setServerConformanceProvider(capabilities);
        return server;
    }

    /**
     * Request bodies are parsed once, by HAPI, strictly: the default lenient handler would drop an unknown element or
     * a value of the wrong type and act on the rest. The server gets a context of its own so that the rest of the
     * service (reading EHR responses, for one) stays lenient.
     */
    private static FhirContext strictParsing(FhirContext shared) {
        FhirContext server = FhirContext.forR4();
        server.setParserErrorHandler(new StrictErrorHandler());
        server.getParserOptions()
                .setDontStripVersionsFromReferencesAtPaths(
                        shared.getParserOptions().getDontStripVersionsFromReferencesAtPaths());
        return server;
    }

    /** Beans marked {@link PlainProvider}, or declaring an {@code @Operation}, that are not resource providers. */
    static List<Object> plainProviders(ApplicationContext context) {
        List<Object> providers = new ArrayList<>();
        for (String name : context.getBeanDefinitionNames()) {
            Class<?> type = context.getType(name, false);
            if (type == null || IResourceProvider.class.isAssignableFrom(type)) {
                continue;
            }
            Class<?> userType = ClassUtils.getUserClass(type);
            if (AnnotatedElementUtils.hasAnnotation(userType, PlainProvider.class) || declaresOperation(userType)) {
                providers.add(context.getBean(name));
            }
        }
        return providers;
    }

    private static boolean declaresOperation(Class<?> type) {
        return Arrays.stream(ReflectionUtils.getUniqueDeclaredMethods(type))
                .anyMatch(method -> method.isAnnotationPresent(Operation.class));
    }

    @Bean
    FilterRegistrationBean<ContentTypeFilter> fhirContentTypeFilter(FhirContext fhirContext) {
        FilterRegistrationBean<ContentTypeFilter> registration =
                new FilterRegistrationBean<>(new ContentTypeFilter(fhirContext));
        registration.setUrlPatterns(List.of(FHIR_PATH));
        return registration;
    }

    @Bean
    ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer fhirServer) {
        ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(fhirServer, FHIR_PATH);
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
