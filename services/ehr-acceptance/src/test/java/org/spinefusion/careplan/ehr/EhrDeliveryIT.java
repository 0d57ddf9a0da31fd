package org.spinefusion.careplan.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.util.FhirTerser;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;

/**
 * The service delivering to a stock HAPI FHIR JPA server (referential integrity on, server-assigned ids): the EHR
 * holds its Patients under its own ids with an MRN, the endpoint finds them by that MRN. What arrives is read back at
 * the EHR: each resource once, and every literal reference in it resolving there.
 */
class EhrDeliveryIT {

    static final String MRN = "urn:oid:2.16.840.1.113883.3.9999.2";
    static final String DELIVERY = "http://careplan.spinefusion.org/fhir/identifier/delivery";
    static final String ENDPOINT = "jpa-ehr";

    static JpaEhr ehr;
    static CareplanService service;
    static IGenericClient api;
    static IGenericClient ehrClient;

    @BeforeAll
    static void start() {
        CompletableFuture<CareplanService> starting = CompletableFuture.supplyAsync(CareplanService::shared);
        ehr = JpaEhr.shared();
        service = starting.join();
        FhirContext fhir = ehr.fhir();
        api = service.client(fhir);
        ehrClient = ehr.client();
        Parameters in = new Parameters();
        in.addParameter("id", new StringType(ENDPOINT));
        in.addParameter("base-url", new UriType(ehr.baseUrl()));
        in.addParameter("patient-identity", new StringType("identifier:" + MRN));
        Parameters registered = api.operation()
                .onServer()
                .named("$delivery-register-endpoint")
                .withParameters(in)
                .execute();
        assertThat(registered.getParameterValue("mode").primitiveValue()).isEqualTo("native");
    }

    @Test
    void everyResourceArrivesOnceAndEveryReferenceResolvesAtTheEhr() throws Exception {
        List<EpisodeSpec> episodes = List.of(episode("lumbar"), episode("cervical"));
        Map<String, String> ehrPatients = new HashMap<>();
        for (EpisodeSpec episode : episodes) {
            ehrPatients.put(episode.patient().getReference(), seedPatient(episode));
            apply(episode);
        }

        awaitSettled(Duration.ofSeconds(90));

        List<Row> rows = rows();
        assertThat(rows).isNotEmpty();
        assertThat(rows).noneMatch(r -> r.state().equals("dead"));
        List<Row> delivered =
                rows.stream().filter(r -> r.state().equals("delivered")).toList();
        assertThat(delivered).extracting(Row::type).contains("CarePlan", "Goal", "Questionnaire");
        FhirTerser terser = ehr.fhir().newTerser();
        Map<String, Integer> copies = new HashMap<>();
        for (Row row : delivered) {
            Resource copy = (Resource) ehrClient.read().resource(row.type()).withId(row.ehrId()).execute();
            List<String> ours = copy.getChildByName("identifier").getValues().stream()
                    .map(Identifier.class::cast)
                    .filter(i -> DELIVERY.equals(i.getSystem()))
                    .map(Identifier::getValue)
                    .toList();
            assertThat(ours).as("delivery identifier of %s", row).contains(row.type() + "/" + row.id());
            copies.merge(row.type() + "/" + row.id(), count(row.type(), row.type() + "/" + row.id()), Integer::sum);
            for (Reference reference : terser.getAllPopulatedChildElementsOfType(copy, Reference.class)) {
                String literal = reference.getReference();
                if (literal == null || literal.startsWith("#")) {
                    continue;
                }
                Resource target = (Resource) ehrClient.read()
                        .resource(literal.substring(0, literal.indexOf('/')))
                        .withId(literal.substring(literal.indexOf('/') + 1))
                        .execute();
                assertThat(target).as("%s in %s", literal, row).isNotNull();
            }
        }
        assertThat(copies).allSatisfy((resource, count) -> assertThat(count)
                .as("copies of %s at the EHR", resource)
                .isEqualTo(1));
        for (EpisodeSpec episode : episodes) {
            CarePlan plan = (CarePlan) ehrClient.search()
                    .forResource(CarePlan.class)
                    .where(CarePlan.SUBJECT.hasId(ehrPatients.get(episode.patient().getReference())))
                    .returnBundle(org.hl7.fhir.r4.model.Bundle.class)
                    .execute()
                    .getEntryFirstRep()
                    .getResource();
            assertThat(plan).as("the plan of %s at the EHR", episode.patientId()).isNotNull();
            assertThat(plan.getGoal()).isNotEmpty().allSatisfy(goal -> assertThat(goal.getReference())
                    .startsWith("Goal/"));
        }
    }

    @Test
    void aPatientTheEhrDoesNotHoldIsParkedWithTheReasonUntilItIsRegistered() throws Exception {
        EpisodeSpec episode = episode("unknown");
        apply(episode);
        awaitSettled(Duration.ofSeconds(60));
        List<Row> parked = rows().stream()
                .filter(r -> r.state().equals("parked"))
                .filter(r -> r.error() != null && r.error().contains(episode.patient().getReference()))
                .toList();
        assertThat(parked).extracting(Row::type).contains("Goal", "CarePlan");
        assertThat(rows()).noneMatch(r -> r.state().equals("dead"));

        seedPatient(episode);
        Instant end = Instant.now().plus(Duration.ofSeconds(90));
        while (true) {
            List<Row> waiting = rows().stream()
                    .filter(r -> parked.stream().anyMatch(p -> p.id().equals(r.id())))
                    .filter(r -> !r.state().equals("delivered"))
                    .toList();
            if (waiting.isEmpty()) {
                break;
            }
            assertThat(Instant.now())
                    .as("parked deliveries resume once the Patient is there; still %s", waiting)
                    .isBefore(end);
            Thread.sleep(500);
        }
    }

    private static EpisodeSpec episode(String name) {
        String unique = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        return name.equals("cervical")
                ? EpisodeSpec.cervical(unique, LocalDate.now().plusDays(3), "approach-anterior", "hardware-plates",
                        "setting-inpatient")
                : EpisodeSpec.lumbar(unique, LocalDate.now().plusDays(3), "approach-posterior", "technique-open",
                        "graft-autologous", "hardware-screws", "setting-inpatient", "closure-staples");
    }

    /** The EHR's own Patient, under an id the EHR assigns, carrying our patient id as its MRN. */
    private static String seedPatient(EpisodeSpec episode) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(MRN).setValue(episode.patientId());
        patient.addName().setFamily("Test").addGiven(episode.name());
        return "Patient/"
                + ehrClient.create().resource(patient).execute().getId().getIdPart();
    }

    private static void apply(EpisodeSpec episode) {
        Parameters parameters = new Parameters();
        parameters.addParameter("subject", new StringType(episode.patient().getReference()));
        parameters.addParameter().setName("data").setResource(episode.data());
        api.operation()
                .onInstance("PlanDefinition/spinal-fusion-pathway")
                .named("$apply")
                .withParameters(parameters)
                .returnResourceType(CarePlan.class)
                .execute();
    }

    private static int count(String type, String value) {
        return ehrClient.search()
                .forResource(type)
                .where(new ca.uhn.fhir.rest.gclient.TokenClientParam("identifier").exactly().systemAndCode(DELIVERY, value))
                .returnBundle(org.hl7.fhir.r4.model.Bundle.class)
                .execute()
                .getEntry()
                .size();
    }

    /** Waits until nothing due is pending or in flight at the endpoint (planned messages stay pending until due). */
    private static void awaitSettled(Duration limit) throws Exception {
        Instant end = Instant.now().plus(limit);
        while (true) {
            long open = scalar("select count(*) from delivery where endpoint_id = ? and (in_flight or (state = 'pending'"
                    + " and due <= now()))");
            if (open == 0 && scalar("select count(*) from delivery where endpoint_id = ?") > 0) {
                Thread.sleep(1000);
                if (scalar("select count(*) from delivery where endpoint_id = ? and (in_flight or (state = 'pending'"
                                + " and due <= now()))")
                        == 0) {
                    return;
                }
            }
            assertThat(Instant.now()).as("deliveries settle; now %s", rows()).isBefore(end);
            Thread.sleep(500);
        }
    }

    record Row(String type, String id, String state, String ehrId, String error) {}

    private static List<Row> rows() throws SQLException {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(
                        "select res_type, res_id, state, ehr_id, last_error from delivery where endpoint_id = ?")) {
            statement.setString(1, ENDPOINT);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
            return rows;
        }
    }

    private static long scalar(String sql) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, ENDPOINT);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Connection connect() throws SQLException {
        AcceptanceDatabase.Connection db = service.database;
        return DriverManager.getConnection(db.url(), db.user(), db.password());
    }
}
