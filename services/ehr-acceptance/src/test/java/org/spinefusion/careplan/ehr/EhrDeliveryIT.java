package org.spinefusion.careplan.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.CacheControlDirective;
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
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
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

    /** HAPI JPA reuses a search's results for a minute by default; a test waiting for something to arrive must not. */
    static final CacheControlDirective FRESH = new CacheControlDirective().setNoCache(true);

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

        assertDeliveredOnceAndResolving();
        for (EpisodeSpec episode : episodes) {
            CarePlan plan = (CarePlan) ehrClient.search()
                    .forResource(CarePlan.class)
                    .where(CarePlan.SUBJECT.hasId(ehrPatients.get(episode.patient().getReference())))
                    .cacheControl(FRESH)
                .returnBundle(Bundle.class)
                    .execute()
                    .getEntryFirstRep()
                    .getResource();
            assertThat(plan).as("the plan of %s at the EHR", episode.patientId()).isNotNull();
            assertThat(plan.getGoal()).isNotEmpty().allSatisfy(goal -> assertThat(goal.getReference())
                    .startsWith("Goal/"));
            // The JPA server stamps everything one transaction stores with that transaction's time: the plan's Goals
            // arrived in routine transactions of up to 10, not a request each.
            Set<Date> stamps = new HashSet<>();
            for (Reference goal : plan.getGoal()) {
                stamps.add(ehrClient.read()
                        .resource(Goal.class)
                        .withId(goal.getReferenceElement().getIdPart())
                        .execute()
                        .getMeta()
                        .getLastUpdated());
            }
            assertThat(stamps)
                    .as("transactions that stored the %d Goals of %s", plan.getGoal().size(), episode.patientId())
                    .hasSizeLessThanOrEqualTo((plan.getGoal().size() + 9) / 10);
        }
    }

    @Test
    void anAlertArrivesWithWhatItCitesAndAnAcknowledgementAtTheEhrStopsTheLadder() throws Exception {
        EpisodeSpec episode = episode("alert");
        String ehrPatient = seedPatient(episode);
        apply(episode);
        awaitSettled(Duration.ofSeconds(90));

        api.create()
                .resource(SymptomResponses.symptoms(api, episode, SymptomResponses.FEVER_WITH_REDNESS))
                .execute();

        Communication alert = awaitOne(Duration.ofSeconds(60), () -> ehrClient.search()
                .forResource(Communication.class)
                .where(Communication.SUBJECT.hasId(ehrPatient))
                .and(Communication.CATEGORY.exactly().code("alert"))
                .cacheControl(FRESH)
                .returnBundle(Bundle.class)
                .execute());
        assertThat(alert.getAbout())
                .as("what the alert cites, at the EHR")
                .isNotEmpty()
                .anySatisfy(about -> assertThat(about.getReference()).startsWith("QuestionnaireResponse/"));
        // One transaction carried the alert and what it cites: the JPA server stamps them with its one time.
        for (Reference cited : alert.getAbout()) {
            Resource atEhr = (Resource) ehrClient.read()
                    .resource(cited.getReferenceElement().getResourceType())
                    .withId(cited.getReferenceElement().getIdPart())
                    .execute();
            assertThat(atEhr.getMeta().getLastUpdated())
                    .as("%s stored in the alert's transaction", cited.getReference())
                    .isEqualTo(alert.getMeta().getLastUpdated());
        }
        awaitSettled(Duration.ofSeconds(60));
        Task task = awaitOne(Duration.ofSeconds(30), () -> ehrClient.search()
                .forResource(Task.class)
                .where(Task.PATIENT.hasId(ehrPatient))
                .cacheControl(FRESH)
                .returnBundle(Bundle.class)
                .execute());
        assertThat(task.getFocus().getReference()).isEqualTo("Communication/" + alert.getIdElement().getIdPart());
        String ours = task.getIdentifier().stream()
                .filter(i -> DELIVERY.equals(i.getSystem()))
                .findFirst()
                .orElseThrow()
                .getValue();
        assertThat(api.read().resource(Task.class).withId(ours).execute().getStatus())
                .isEqualTo(Task.TaskStatus.REQUESTED);

        task.setStatus(Task.TaskStatus.ACCEPTED);
        task.getOwner().setDisplay("Dr. On Call");
        ehrClient.update().resource(task).execute();

        Instant end = Instant.now().plus(Duration.ofSeconds(60));
        while (api.read().resource(Task.class).withId(ours).execute().getStatus() != Task.TaskStatus.ACCEPTED) {
            assertThat(Instant.now())
                    .as("the acknowledgement made at the EHR reaches the service")
                    .isBefore(end);
            Thread.sleep(500);
        }
        awaitSettled(Duration.ofSeconds(60));
        String taskId = ours.substring(ours.indexOf('/') + 1);
        assertThat(rows())
                .filteredOn(r -> r.type().equals("Task") && r.id().equals(taskId))
                .singleElement()
                .satisfies(r -> assertThat(r.state()).as("%s", r).isEqualTo("delivered"));
        assertDeliveredOnceAndResolving();
    }

    @Test
    void aRevisionUpdatesARevocationRevokesAndAnEditAtTheEhrIsNotOverwritten() throws Exception {
        EpisodeSpec revised = episode("revised");
        EpisodeSpec edited = episode("edited");
        seedPatient(revised);
        seedPatient(edited);
        CarePlan revisedPlan = apply(revised);
        CarePlan editedPlan = apply(edited);
        awaitSettled(Duration.ofSeconds(90));

        CarePlan atEhr = ehrPlan(editedPlan);
        atEhr.addNote().setText("Patient prefers morning calls (added at the EHR)");
        ehrClient.update().resource(atEhr).execute();

        LocalDate later = LocalDate.now().plusDays(10);
        CarePlan revision = apply(revised.withSurgeryDate(later));
        apply(edited.withSurgeryDate(later));
        awaitSettled(Duration.ofSeconds(90));

        CarePlan revisedAtEhr = ehrPlan(revisedPlan);
        assertThat(Integer.parseInt(revisedAtEhr.getMeta().getVersionId())).isGreaterThan(1);
        assertThat(revisedAtEhr.getText().getDivAsString()).isEqualTo(ehrText(revision));
        CarePlan editedAtEhr = ehrPlan(editedPlan);
        assertThat(editedAtEhr.getNote())
                .as("the note added at the EHR survives our revision")
                .anySatisfy(note -> assertThat(note.getText()).contains("morning calls"));
        assertThat(rows())
                .filteredOn(r -> r.type().equals("CarePlan") && r.id().equals(editedPlan.getIdPart()))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.state()).isEqualTo("parked");
                    assertThat(r.error()).contains("changed since");
                });

        apply(revised.withSurgeryDate(later).withStatus(ServiceRequest.ServiceRequestStatus.REVOKED));
        awaitSettled(Duration.ofSeconds(90));
        assertThat(ehrPlan(revisedPlan).getStatus()).isEqualTo(CarePlan.CarePlanStatus.REVOKED);
        assertDeliveredOnceAndResolving();
    }

    /** Our narrative as the EHR stores it (HAPI normalises XHTML), for comparing content. */
    private static String ehrText(CarePlan ours) {
        CarePlan probe = new CarePlan();
        probe.setText(ours.getText());
        return ehr.fhir()
                .newJsonParser()
                .parseResource(CarePlan.class, ehr.fhir().newJsonParser().encodeResourceToString(probe))
                .getText()
                .getDivAsString();
    }

    private static CarePlan ehrPlan(CarePlan ours) {
        return (CarePlan) ehrClient.search()
                .forResource(CarePlan.class)
                .where(new ca.uhn.fhir.rest.gclient.TokenClientParam("identifier")
                        .exactly()
                        .systemAndCode(DELIVERY, "CarePlan/" + ours.getIdPart()))
                .cacheControl(FRESH)
                .returnBundle(Bundle.class)
                .execute()
                .getEntryFirstRep()
                .getResource();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Resource> T awaitOne(Duration limit, java.util.function.Supplier<Bundle> search)
            throws InterruptedException {
        Instant end = Instant.now().plus(limit);
        while (true) {
            Bundle found = search.get();
            if (!found.getEntry().isEmpty()) {
                assertThat(found.getEntry()).hasSize(1);
                return (T) found.getEntryFirstRep().getResource();
            }
            assertThat(Instant.now()).as("arrives at the EHR").isBefore(end);
            Thread.sleep(50);
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

    /** Every delivered resource is at the EHR once, under our delivery identifier, and its references resolve there. */
    private static void assertDeliveredOnceAndResolving() throws Exception {
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
    }

    /** Surgery in three days; for the alert, two days ago, since symptom checks open only after the operation. */
    private static EpisodeSpec episode(String name) {
        String unique = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate surgery = name.equals("alert") ? LocalDate.now().minusDays(2) : LocalDate.now().plusDays(3);
        return name.equals("cervical")
                ? EpisodeSpec.cervical(unique, surgery, "approach-anterior", "hardware-plates", "setting-inpatient")
                : EpisodeSpec.lumbar(unique, surgery, "approach-posterior", "technique-open",
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

    private static CarePlan apply(EpisodeSpec episode) {
        Parameters parameters = new Parameters();
        parameters.addParameter("subject", new StringType(episode.patient().getReference()));
        parameters.addParameter().setName("data").setResource(episode.data());
        return api.operation()
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
                .cacheControl(FRESH)
                .returnBundle(Bundle.class)
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
