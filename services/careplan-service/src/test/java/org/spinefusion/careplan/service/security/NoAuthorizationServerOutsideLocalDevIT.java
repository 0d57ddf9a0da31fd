package org.spinefusion.careplan.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.TestHttp;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With an authorization server configured, the local-dev one is nowhere: none of its paths answers as it would. */
@CarePlanIntegrationTest
class NoAuthorizationServerOutsideLocalDevIT {

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "oauth2/authorize?response_type=code&client_id=careplan-app&scope=openid"
                        + "&redirect_uri=http://127.0.0.1:5173/&code_challenge=abc&code_challenge_method=S256",
                "oauth2/jwks",
                "login",
                ".well-known/openid-configuration",
                ".well-known/oauth-authorization-server",
                "userinfo"
            })
    void servesNoneOfItsPages(String path) throws Exception {
        TestHttp http = new TestHttp(port).withoutToken();
        HttpResponse<String> response = http.send(http.root(path).header("Accept", "text/html"));

        assertThat(response.statusCode()).isIn(401, 403, 404);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.body()).doesNotContain("authorization_endpoint", "\"keys\"", "<form");
    }

    @Test
    void issuesNoTokens() throws Exception {
        TestHttp http = new TestHttp(port).withoutToken();
        HttpResponse<String> response = http.send(http.root("oauth2/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=careplan-app")));

        assertThat(response.statusCode()).isIn(401, 403, 404);
        assertThat(response.body()).doesNotContain("access_token");
    }
}
