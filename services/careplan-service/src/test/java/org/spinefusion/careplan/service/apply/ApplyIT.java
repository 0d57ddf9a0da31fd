package org.spinefusion.careplan.service.apply;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Timing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.pathway.Canonicals;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** $apply over HTTP on a real PostgreSQL: first apply, re-apply, reschedule, revision and cancellation. */
@CarePlanIntegrationTest
class ApplyIT {

    @LocalServerPort
    int port;

    @Autowired
    ResourceRepository repository;

    ApplyCalls calls;

    @BeforeEach
    void setUp() {
        calls = new ApplyCalls(port);
    }

    static EpisodeSpec episode(String... details) {
        String name = Fixtures.unique("apply");
        return new EpisodeSpec(
                name,
                name,
                "pat-" + name,
                LocalDate.of(2027, 3, 2),
                "50172003",
                "lumbar",
                "L4-L5",
                new java.util.LinkedHashSet<>(List.of(details)),
                ServiceRequest.ServiceRequestStatus.ACTIVE);
    }

    static final String[] INPATIENT = {
        "approach-posterior",
        "technique-open",
        "graft-autologous",
        "hardware-screws",
        "setting-inpatient",
        "closure-staples"
    };

    @Test
    void storesThePlanWithItsGoalsQuestionnairesMessagesAndProvenance() {
        EpisodeSpec episode = episode(INPATIENT);
        CarePlan plan = calls.apply(episode);

        assertThat(plan.getIdElement().getVersionIdPart()).isEqualTo("1");
        assertThat(plan.getSubject().getReference()).isEqualTo("Patient/" + episode.patientId());
        assertThat(goals(episode)).hasSize(plan.getGoal().size()).isNotEmpty();
        assertThat(planned(episode)).isNotEmpty().allSatisfy(c -> assertThat(c.getStatus())
                .isEqualTo(Communication.CommunicationStatus.PREPARATION));
        List<Provenance> provenance = provenanceOf(plan);
        assertThat(provenance).hasSize(1);
        assertThat(provenance.get(0).getTarget())
                .extracting(r -> r.getReference())
                .contains("CarePlan/" + plan.getIdPart() + "/_history/1");
        assertThat(provenance.get(0).getEntity())
                .extracting(e -> e.getWhat().getDisplay())
                .anyMatch(d -> d.startsWith(Canonicals.BASE + "/PlanDefinition/spinal-fusion-pathway|"));
        for (CarePlanActivityComponent activity : plan.getActivity()) {
            String canonical =
                    activity.getDetail().getInstantiatesCanonical().get(0).getValue();
            if (canonical.contains("/Questionnaire/")) {
                String id = canonical.substring(canonical.lastIndexOf('/') + 1, canonical.indexOf('|'));
                assertThat(calls.client()
                                .read()
                                .resource(org.hl7.fhir.r4.model.Questionnaire.class)
                                .withId(id)
                                .execute())
                        .isNotNull();
            }
        }
    }

    @Test
    void applyingTheSameInputAgainChangesNothing() {
        EpisodeSpec episode = episode(INPATIENT);
        CarePlan first = calls.apply(episode);
        CarePlan again = calls.apply(episode);

        assertThat(again.getIdElement().getVersionIdPart()).isEqualTo("1");
        assertThat(again.getMeta().getLastUpdated()).isEqualTo(first.getMeta().getLastUpdated());
        assertThat(history(CarePlan.class, first.getIdPart())).hasSize(1);
        assertThat(goals(episode))
                .allSatisfy(g -> assertThat(g.getMeta().getVersionId()).isEqualTo("1"));
        assertThat(provenanceOf(first)).hasSize(1);
    }

    @Test
    void aMovedSurgeryDateGivesANewVersionWithRescheduledActivities() {
        EpisodeSpec episode = episode(INPATIENT);
        CarePlan first = calls.apply(episode);
        CarePlan moved =
                calls.apply(episode.withSurgeryDate(episode.surgeryDate().plusDays(9)));

        assertThat(moved.getIdPart()).isEqualTo(first.getIdPart());
        assertThat(moved.getIdElement().getVersionIdPart()).isEqualTo("2");
        Map<String, LocalDate> before = starts(first);
        Map<String, LocalDate> after = starts(moved);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((id, start) -> assertThat(after.get(id)).as(id).isEqualTo(start.plusDays(9)));
        CarePlan version1 = calls.client()
                .read()
                .resource(CarePlan.class)
                .withIdAndVersion(first.getIdPart(), "1")
                .execute();
        assertThat(starts(version1)).isEqualTo(before);
        assertThat(provenanceOf(moved)).hasSize(2);
    }

    @Test
    void aRevisedPlanCancelsPlannedMessagesThatNoLongerApply() {
        EpisodeSpec inpatient = episode(INPATIENT);
        calls.apply(inpatient);
        EpisodeSpec outpatient = inpatient.withDetails(
                "approach-posterior",
                "technique-open",
                "graft-autologous",
                "hardware-screws",
                "setting-outpatient",
                "closure-staples");
        calls.apply(outpatient);

        Map<String, Communication> messages = planned(inpatient).stream()
                .collect(Collectors.toMap(c -> actionOf(c.getIdentifierFirstRep()), Function.identity()));
        assertThat(messages.get("education-stay-inpatient").getStatus())
                .isEqualTo(Communication.CommunicationStatus.NOTDONE);
        assertThat(messages.get("education-stay-inpatient").getStatusReason().getText())
                .isNotBlank();
        assertThat(messages.get("education-stay-outpatient").getStatus())
                .isEqualTo(Communication.CommunicationStatus.PREPARATION);
    }

    @Test
    void aSurgeryMovedIntoThePastStopsAdviceForBeforeTheOperationAndPlansNothingInThePast() {
        EpisodeSpec episode = episode(INPATIENT)
                .withDetails(
                        "approach-posterior",
                        "technique-open",
                        "graft-autologous",
                        "hardware-screws",
                        "setting-inpatient",
                        "closure-staples",
                        "nicotine-use");
        calls.apply(episode);
        java.time.Instant moved = java.time.Instant.now();
        CarePlan plan = calls.apply(episode.withSurgeryDate(LocalDate.now().minusDays(3)));

        Map<String, Communication> messages = planned(episode).stream()
                .collect(Collectors.toMap(c -> actionOf(c.getIdentifierFirstRep()), Function.identity()));
        assertThat(messages.get("nicotine-stop").getStatus()).isEqualTo(Communication.CommunicationStatus.NOTDONE);
        assertThat(messages.values())
                .filteredOn(c -> c.getStatus() == Communication.CommunicationStatus.PREPARATION)
                .isNotEmpty()
                .allSatisfy(c -> assertThat(((org.hl7.fhir.r4.model.DateTimeType)
                                        c.getExtensionByUrl(Canonicals.EXT_PLANNED_SEND_TIME)
                                                .getValue())
                                .getValue()
                                .toInstant())
                        .isAfterOrEqualTo(moved.minusSeconds(60)));
        assertThat(plan.getActivity())
                .filteredOn(a -> a.getDetail().getScheduled() instanceof org.hl7.fhir.r4.model.Period window
                        && LocalDate.parse(window.getEndElement().getValueAsString())
                                .isBefore(LocalDate.now().minusDays(1)))
                .isNotEmpty()
                .allSatisfy(a ->
                        assertThat(a.getDetail().getStatus()).isNotEqualTo(CarePlan.CarePlanActivityStatus.SCHEDULED));
    }

    @Test
    void theCareTeamHoldsTheSurgeonAndOrganizationPassedToApply() {
        EpisodeSpec episode = episode(INPATIENT);
        org.hl7.fhir.r4.model.Parameters parameters =
                ApplyCalls.parameters(episode.patient().getReference(), episode.data());
        parameters.addParameter("practitioner", new org.hl7.fhir.r4.model.StringType("Practitioner/surgeon-7"));
        parameters.addParameter("organization", new org.hl7.fhir.r4.model.StringType("Organization/spine-unit"));
        CarePlan plan = calls.client()
                .operation()
                .onInstance(ApplyCalls.PATHWAY)
                .named("$apply")
                .withParameters(parameters)
                .returnResourceType(CarePlan.class)
                .execute();
        org.hl7.fhir.r4.model.CareTeam team =
                (org.hl7.fhir.r4.model.CareTeam) plan.getContained().get(0);
        assertThat(team.getParticipant())
                .extracting(p -> p.getMember().getReference())
                .containsExactly(episode.patient().getReference(), "Practitioner/surgeon-7");
        assertThat(team.getManagingOrganizationFirstRep().getReference()).isEqualTo("Organization/spine-unit");
        assertThat(plan.getAuthor().getReference()).isEqualTo("Practitioner/surgeon-7");
    }

    @Test
    void aMessageAlreadySentIsNotRewrittenByARevision() {
        EpisodeSpec episode = episode(INPATIENT);
        calls.apply(episode);
        Communication sent = planned(episode).get(0);
        sent.setStatus(Communication.CommunicationStatus.COMPLETED);
        sent.setSentElement(new org.hl7.fhir.r4.model.DateTimeType("2027-01-01T09:00:00Z"));
        markSent(sent);

        calls.apply(episode.withSurgeryDate(episode.surgeryDate().plusDays(14)));

        Communication after = calls.client()
                .read()
                .resource(Communication.class)
                .withId(sent.getIdPart())
                .execute();
        assertThat(after.getStatus()).isEqualTo(Communication.CommunicationStatus.COMPLETED);
        assertThat(after.getMeta().getVersionId()).isEqualTo("2");
    }

    @Test
    void aCancelledSurgeryRevokesThePlan() {
        EpisodeSpec episode = episode(INPATIENT);
        calls.apply(episode);
        CarePlan revoked = calls.apply(episode.withStatus(ServiceRequest.ServiceRequestStatus.REVOKED));

        assertThat(revoked.getStatus()).isEqualTo(CarePlan.CarePlanStatus.REVOKED);
        assertThat(revoked.getIdElement().getVersionIdPart()).isEqualTo("2");
        assertThat(goals(episode))
                .allSatisfy(g -> assertThat(g.getLifecycleStatus()).isEqualTo(Goal.GoalLifecycleStatus.CANCELLED));
        assertThat(planned(episode))
                .allSatisfy(c -> assertThat(c.getStatus()).isEqualTo(Communication.CommunicationStatus.NOTDONE));
    }

    @Test
    void concurrentAppliesOfOneEpisodeStoreOnePlanVersion() throws Exception {
        EpisodeSpec episode = episode(INPATIENT);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        List<java.util.concurrent.Future<CarePlan>> results = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            results.add(pool.submit(() -> calls.apply(episode)));
        }
        for (var result : results) {
            assertThat(result.get().getIdElement().getVersionIdPart()).isEqualTo("1");
        }
        pool.shutdown();
        assertThat(history(CarePlan.class, results.get(0).get().getIdPart())).hasSize(1);
    }

    private void markSent(Communication sent) {
        new org.springframework.transaction.support.TransactionTemplate(transactionManager)
                .executeWithoutResult(status -> repository.saveAll(List.of(sent)));
    }

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactionManager;

    private List<Goal> goals(EpisodeSpec episode) {
        return search(Goal.class, "Goal?subject=Patient/" + episode.patientId());
    }

    private List<Communication> planned(EpisodeSpec episode) {
        return search(Communication.class, "Communication?subject=Patient/" + episode.patientId() + "&_count=200");
    }

    private List<Provenance> provenanceOf(CarePlan plan) {
        return search(Provenance.class, "Provenance?target=CarePlan/" + plan.getIdPart());
    }

    private <T extends Resource> List<T> history(Class<T> type, String id) {
        Bundle bundle = calls.client()
                .history()
                .onInstance(type.getSimpleName() + "/" + id)
                .returnBundle(Bundle.class)
                .execute();
        return bundle.getEntry().stream().map(e -> type.cast(e.getResource())).toList();
    }

    private <T extends Resource> List<T> search(Class<T> type, String url) {
        IGenericClient client = calls.client();
        Bundle bundle = client.search().byUrl(url).returnBundle(Bundle.class).execute();
        List<T> all = new java.util.ArrayList<>();
        while (true) {
            bundle.getEntry().stream()
                    .map(e -> e.getResource())
                    .filter(type::isInstance)
                    .map(type::cast)
                    .forEach(all::add);
            if (bundle.getLink(Bundle.LINK_NEXT) == null) {
                return all;
            }
            bundle = client.loadPage().next(bundle).execute();
        }
    }

    private static String actionOf(Identifier identifier) {
        return identifier.getValue().substring(identifier.getValue().indexOf('#') + 1);
    }

    private static Map<String, LocalDate> starts(CarePlan plan) {
        return plan.getActivity().stream()
                .collect(Collectors.toMap(
                        a -> actionOf((Identifier) a.getExtensionByUrl(Canonicals.EXT_ACTIVITY_IDENTIFIER)
                                .getValue()),
                        a -> {
                            Period window = a.getDetail().getScheduled() instanceof Timing timing
                                    ? timing.getRepeat().getBoundsPeriod()
                                    : a.getDetail().getScheduledPeriod();
                            return LocalDate.parse(window.getStartElement().getValueAsString());
                        }));
    }
}
