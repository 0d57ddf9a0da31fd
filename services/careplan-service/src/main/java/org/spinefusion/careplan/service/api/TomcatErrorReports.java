package org.spinefusion.careplan.service.api;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Tomcat answers some requests itself, before any servlet (a malformed URL escape, a character not allowed in a
 * URL): its error report becomes an OperationOutcome instead of an HTML page. Runs after Spring Boot's own
 * customizer, which installs the HTML valve this one replaces.
 */
@Component
class TomcatErrorReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        OutcomeReportValve.install(factory, OutcomeValve.class);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** The OperationOutcome of {@link ErrorOutcome}. */
    public static final class OutcomeValve extends OutcomeReportValve {

        @Override
        protected String contentType() {
            return ErrorOutcome.CONTENT_TYPE;
        }

        @Override
        protected String body(int status) {
            return ErrorOutcome.json(status);
        }
    }
}
