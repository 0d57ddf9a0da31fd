package org.spinefusion.careplan.service.api;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
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
        factory.addContextCustomizers(context -> {
            var pipeline = context.getParent().getPipeline();
            for (Valve valve : pipeline.getValves()) {
                if (valve instanceof ErrorReportValve) {
                    pipeline.removeValve(valve);
                }
            }
            pipeline.addValve(new OutcomeValve());
            // Else the host adds Tomcat's HTML valve again when it starts, ahead of this one.
            ((StandardHost) context.getParent()).setErrorReportValveClass(OutcomeValve.class.getName());
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Writes the OperationOutcome for any error status that has no body yet. */
    public static final class OutcomeValve extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            try {
                response.setContentType(ErrorOutcome.CONTENT_TYPE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(ErrorOutcome.json(status));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException ignored) {
                // The client has gone or the response was already sent; there is no one to tell.
            }
        }
    }
}
