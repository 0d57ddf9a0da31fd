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

/**
 * Tomcat's error report for what it refuses before any servlet (a malformed URL escape, a character not allowed in a
 * URL), written as an echo-free JSON body instead of Tomcat's HTML page. Each port's server says which body: the
 * application port an OperationOutcome ({@link TomcatErrorReports}), the management port its own.
 */
public abstract class OutcomeReportValve extends ErrorReportValve {

    /**
     * Replaces the HTML valve of the factory's host with {@code valveClass}. Run after Spring Boot's own customizer,
     * which installs the valve replaced here; the class needs a public no-argument constructor, since the host makes
     * its error valve again by name when it starts.
     */
    public static void install(TomcatServletWebServerFactory factory, Class<? extends OutcomeReportValve> valveClass) {
        factory.addContextCustomizers(context -> {
            var pipeline = context.getParent().getPipeline();
            for (Valve valve : pipeline.getValves()) {
                if (valve instanceof ErrorReportValve) {
                    pipeline.removeValve(valve);
                }
            }
            try {
                pipeline.addValve(valveClass.getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot make the error valve " + valveClass.getName(), e);
            }
            // Else the host adds Tomcat's HTML valve again when it starts, ahead of this one.
            ((StandardHost) context.getParent()).setErrorReportValveClass(valveClass.getName());
        });
    }

    protected abstract String contentType();

    /** The body for an error status; never the request's path, query or the exception. */
    protected abstract String body(int status) throws IOException;

    /** Writes the body for any error status that has no body yet. */
    @Override
    protected final void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setContentType(contentType());
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body(status));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // The client has gone or the response was already sent; there is no one to tell.
        }
    }
}
