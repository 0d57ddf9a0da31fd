package org.spinefusion.careplan.service.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The people who can log in to the local-dev authorization server, with the passwords the shipped Keycloak realm
 * gives them: a patient, whose tokens are confined to their own record (the {@code patient} claim) and carry only
 * {@code patient/} scopes, and a clinician, whose tokens carry only {@code user/} scopes. Scopes an app asks for
 * beyond a user's kind are left out of the token, as SMART lets an authorization server grant less than asked.
 */
final class LocalDevUsers {

    /** What the app may ask for: the scopes of {@link SmartDiscovery#scopesSupported()} a person can be granted. */
    static final List<String> APP_SCOPES = List.of(
            "openid",
            "fhirUser",
            "launch/patient",
            "patient/*.rs",
            "patient/*.read",
            "patient/QuestionnaireResponse.c",
            "user/*.rs",
            "user/*.cruds");

    /** What the clinician app at /app/ asks for: user-level reads and the acknowledgement (a Task update). */
    static final List<String> CLINICIAN_APP_SCOPES =
            List.of("openid", "fhirUser", "launch", "user/*.rs", "user/Task.u");

    /** Every scope the local-dev server's two apps may ask for, once each. */
    static List<String> offered() {
        return java.util.stream.Stream.concat(APP_SCOPES.stream(), CLINICIAN_APP_SCOPES.stream())
                .distinct()
                .toList();
    }

    private static final Set<String> IDENTITY_SCOPES = Set.of("openid", "fhirUser");

    /** One login; {@code patient} is empty for a clinician. */
    record Person(String username, String fhirUser, Optional<String> patient, String scopePrefix) {

        /** The requested scopes this person may be granted. */
        Set<String> grantable(Set<String> requested) {
            Set<String> granted = new TreeSet<>();
            for (String scope : requested) {
                if (IDENTITY_SCOPES.contains(scope)
                        || scope.startsWith(scopePrefix)
                        || (patient.isPresent() && scope.equals("launch/patient"))) {
                    granted.add(scope);
                }
            }
            return granted;
        }
    }

    static final String PATIENT_USER = "patient";
    static final String CLINICIAN_USER = "clinician";

    private final Person patient;
    private final Person clinician;

    LocalDevUsers(String patientId) {
        this.patient = new Person(PATIENT_USER, "Patient/" + patientId, Optional.of(patientId), "patient/");
        this.clinician = new Person(CLINICIAN_USER, "Practitioner/local-dev-clinician", Optional.empty(), "user/");
    }

    Optional<Person> find(String username) {
        if (PATIENT_USER.equals(username)) {
            return Optional.of(patient);
        }
        if (CLINICIAN_USER.equals(username)) {
            return Optional.of(clinician);
        }
        return Optional.empty();
    }

    /** The logins, password = user name (a laptop only; the passwords are in the README). */
    UserDetailsService logins() {
        return new InMemoryUserDetailsManager(
                User.withUsername(PATIENT_USER)
                        .password("{noop}" + PATIENT_USER)
                        .roles("PATIENT")
                        .build(),
                User.withUsername(CLINICIAN_USER)
                        .password("{noop}" + CLINICIAN_USER)
                        .roles("CLINICIAN")
                        .build());
    }
}
