package org.spinefusion.careplan.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinefusion.careplan.deploy.Yamls.listAt;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KeycloakRealmTest {

    private static final Map<String, Object> REALM =
            Yamls.load(RepositoryFiles.ROOT.resolve("deploy/keycloak/careplan-realm.json"));

    @Test
    void offersSmartScopesForPatientsCliniciansAndBackends() {
        assertThat(scopeNames())
                .contains(
                        "launch/patient",
                        "patient/*.rs",
                        "patient/QuestionnaireResponse.c",
                        "user/*.rs",
                        "system/*.rs",
                        "system/*.cruds",
                        "system/careplan.admin",
                        "fhirUser");
    }

    @Test
    void hasAPatientUserAndAClinicianUser() {
        Map<String, Object> users = listAt(REALM, "users").stream()
                .collect(Collectors.toMap(
                        u -> (String) u.get("username"),
                        u -> u.get("attributes") == null ? Map.of() : Yamls.asMap(u.get("attributes"))));

        assertThat(Yamls.asMap(users.get("patient"))).containsEntry("fhirPatient", List.of("example"));
        assertThat(Yamls.asMap(users.get("clinician"))).containsKey("fhirUser");
    }

    @Test
    void backendClientUsesClientCredentialsWithTheSystemScopesItAsksFor() {
        Map<String, Object> backend = client("careplan-backend");

        assertThat(backend).containsEntry("serviceAccountsEnabled", true).containsEntry("publicClient", false);
        assertThat(Yamls.scalarsAt(backend, "defaultClientScopes")).containsExactly("basic");
        assertThat(Yamls.scalarsAt(backend, "optionalClientScopes"))
                .contains("system/*.rs", "system/*.cruds", "system/careplan.admin");
    }

    @Test
    void putsTheComposeAudienceIntoEveryClientsTokens() {
        for (Map<String, Object> client : listAt(REALM, "clients")) {
            assertThat(listAt(client, "protocolMappers"))
                    .anySatisfy(mapper -> assertThat(Yamls.asMap(mapper.get("config")))
                            .containsEntry("included.custom.audience", "http://localhost:8080/fhir"));
        }
    }

    @Test
    void everyScopeAClientRequestsIsDeclared() {
        // Importing a realm that declares client scopes skips Keycloak's built-in ones, so nothing may be assumed.
        Set<String> declared = scopeNames();
        for (Map<String, Object> client : listAt(REALM, "clients")) {
            assertThat(Yamls.scalarsAt(client, "defaultClientScopes")).isSubsetOf(declared);
            assertThat(Yamls.scalarsAt(client, "optionalClientScopes")).isSubsetOf(declared);
        }
    }

    private static Set<String> scopeNames() {
        return listAt(REALM, "clientScopes").stream()
                .map(s -> (String) s.get("name"))
                .collect(Collectors.toSet());
    }

    private static Map<String, Object> client(String clientId) {
        return listAt(REALM, "clients").stream()
                .filter(c -> clientId.equals(c.get("clientId")))
                .findFirst()
                .orElseThrow();
    }
}
