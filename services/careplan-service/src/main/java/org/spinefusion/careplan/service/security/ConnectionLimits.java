package org.spinefusion.careplan.service.security;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Adds {@link UnreadBodyValve} to the embedded Tomcat. The other connection limits (read timeouts, connection and
 * thread caps) are Tomcat's own settings under {@code server.tomcat} in {@code application.yaml}.
 */
@Component
class ConnectionLimits implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addEngineValves(new UnreadBodyValve());
    }
}
