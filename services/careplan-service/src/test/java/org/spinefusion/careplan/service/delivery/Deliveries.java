package org.spinefusion.careplan.service.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.spinefusion.careplan.service.support.FhirClients;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What delivery tests share: registering endpoints through the admin operation, waiting, reading delivery rows. */
final class Deliveries {

    static final String IDENTIFIER_SYSTEM = "http://careplan.spinefusion.org/fhir/identifier/delivery";
    static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/communication-category";

    private final int port;
    private final JdbcClient jdbc;

    Deliveries(int port, JdbcClient jdbc) {
        this.port = port;
        this.jdbc = jdbc;
    }

    Parameters register(String id, TestEhr ehr, String patient, String auth, String algorithm, Double rate) {
        Parameters in = new Parameters();
        in.addParameter("id", new StringType(id));
        in.addParameter("base-url", new UriType(ehr.baseUrl()));
        if (auth != null) {
            in.addParameter("auth", new StringType(auth));
            in.addParameter("client-id", new StringType("careplan-service"));
            in.addParameter("signing-algorithm", new StringType(algorithm));
        }
        in.addParameter("patient", new StringType(patient));
        if (rate != null) {
            in.addParameter("rate-per-second", new DecimalType(rate));
        }
        return capabilitiesRead(
                id,
                FhirClients.client(port)
                        .operation()
                        .onServer()
                        .named("$delivery-register-endpoint")
                        .withParameters(in)
                        .execute());
    }

    /**
     * On a busy machine the stand-in's first CapabilityStatement can take longer than the tests' short request
     * timeout; the service then saves the endpoint unread (and reads it later). Tests that look at the chosen mode
     * ask again until it is read.
     */
    private Parameters capabilitiesRead(String id, Parameters registered) {
        Parameters described = registered;
        for (int i = 0;
                i < 20
                        && !"true"
                                .equals(described
                                        .getParameterValue("capabilities-read")
                                        .primitiveValue());
                i++) {
            Parameters in = new Parameters();
            in.addParameter("endpoint", new StringType(id));
            described = FhirClients.client(port)
                    .operation()
                    .onServer()
                    .named("$delivery-refresh-capabilities")
                    .withParameters(in)
                    .execute();
        }
        return described;
    }

    Parameters register(String id, TestEhr ehr, String patient) {
        return register(id, ehr, patient, null, null, null);
    }

    /** An endpoint whose Patients are found by an identifier of {@code system} (the stand-in holds none). */
    Parameters registerByIdentifier(String id, TestEhr ehr, String patient, String system) {
        Parameters in = new Parameters();
        in.addParameter("id", new StringType(id));
        in.addParameter("base-url", new UriType(ehr.baseUrl()));
        in.addParameter("patient", new StringType(patient));
        in.addParameter("patient-identity", new StringType("identifier:" + system));
        return FhirClients.client(port)
                .operation()
                .onServer()
                .named("$delivery-register-endpoint")
                .withParameters(in)
                .execute();
    }

    /** {@code $delivery-dead-letters} with the given parameters (name, value, name, value, ...). */
    Parameters deadLetters(String... nameValues) {
        return FhirClients.client(port)
                .operation()
                .onServer()
                .named("$delivery-dead-letters")
                .withParameters(parameters(nameValues))
                .useHttpGet()
                .execute();
    }

    /** {@code $delivery-replay-dead-letters} with the given filter; how many it replayed. */
    int replayDeadLetters(String... nameValues) {
        Parameters out = FhirClients.client(port)
                .operation()
                .onServer()
                .named("$delivery-replay-dead-letters")
                .withParameters(parameters(nameValues))
                .execute();
        return Integer.parseInt(out.getParameter("replayed").getValue().primitiveValue());
    }

    private static Parameters parameters(String... nameValues) {
        Parameters in = new Parameters();
        for (int i = 0; i < nameValues.length; i += 2) {
            in.addParameter(nameValues[i], new StringType(nameValues[i + 1]));
        }
        return in;
    }

    Parameters status(String resource) {
        Parameters in = new Parameters();
        in.addParameter("resource", new StringType(resource));
        return FhirClients.client(port)
                .operation()
                .onServer()
                .named("$delivery-status")
                .withParameters(in)
                .useHttpGet()
                .execute();
    }

    Map<String, Long> states(String endpoint) {
        Map<String, Long> states = new java.util.TreeMap<>();
        jdbc.sql("select state, count(*) from delivery where endpoint_id = ? group by state")
                .param(endpoint)
                .query(rs -> {
                    states.put(rs.getString(1), rs.getLong(2));
                });
        return states;
    }

    long count(String endpoint, String state) {
        return states(endpoint).getOrDefault(state, 0L);
    }

    static void await(Duration limit, BooleanSupplier condition) {
        await(limit, condition, () -> "");
    }

    /** Waits for the condition; on time-out fails showing {@code what} as it is then. */
    static void await(Duration limit, BooleanSupplier condition, Supplier<?> what) {
        Instant end = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                assertThat(condition.getAsBoolean())
                        .as("within %s: %s", limit, what.get())
                        .isTrue();
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Messages for one patient; escalations are alerts with priority stat. */
    static List<Communication> messages(String prefix, String patient, int count, boolean escalation) {
        List<Communication> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Communication message = new Communication();
            message.setId(prefix + "-" + i);
            message.setStatus(Communication.CommunicationStatus.COMPLETED);
            message.setSubject(new Reference(patient));
            message.addCategory(new CodeableConcept(new Coding(CATEGORY, escalation ? "alert" : "notification", null)));
            if (escalation) {
                message.setPriority(Communication.CommunicationPriority.STAT);
            }
            message.addPayload().setContent(new StringType("message " + i));
            messages.add(message);
        }
        return messages;
    }
}
