package org.spinefusion.careplan.service.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.spinefusion.careplan.service.api.OutcomeReportValve;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.Ordered;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The management port's own Tomcat answers some requests before any servlet (a malformed URL escape): its HTML
 * error report becomes the same OperationOutcome as the management port's other errors
 * ({@link EchoFreeErrorAttributes}). The application port has its own ({@code api.TomcatErrorReports}); the
 * management server is built in a child context that does not see it. Listed for that child context in
 * {@code META-INF/spring/...ManagementContextConfiguration.imports}; component scanning finds it in the application's
 * context too, where {@link InAChildContext} keeps it out.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@Conditional(ManagementErrorReports.InAChildContext.class)
class ManagementErrorReports {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> managementPortOutcomeValve() {
        return new Customizer();
    }

    /** Only the management server's context has a parent (the application's). */
    static final class InAChildContext implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getBeanFactory() != null && context.getBeanFactory().getParentBeanFactory() != null;
        }
    }

    /** Runs after Spring Boot's own customizer, which installs the HTML valve this one replaces. */
    static final class Customizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            OutcomeReportValve.install(factory, OutcomeValve.class);
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /** The management port's OperationOutcome ({@link EchoFreeErrorAttributes}). */
    public static final class OutcomeValve extends OutcomeReportValve {

        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        protected String contentType() {
            return "application/json";
        }

        @Override
        protected String body(int status) throws JsonProcessingException {
            return JSON.writeValueAsString(EchoFreeErrorAttributes.outcome(status));
        }
    }
}
