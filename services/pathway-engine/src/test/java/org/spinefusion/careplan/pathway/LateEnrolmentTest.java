package org.spinefusion.careplan.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityStatus;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Communication.CommunicationStatus;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Timing;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.pathway.testing.Engines;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;

/**
 * Enrolment after some of the plan's time has passed (docs/pathway-contract.md, "Late enrolment"): nothing in the
 * past is scheduled, no message is planned for a time already gone, and nothing meant for before the operation is
 * sent once it is done.
 */
class LateEnrolmentTest {

    static final Instant NOW = Instant.parse("2026-12-01T16:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    static EpisodeSpec smoker(LocalDate surgery) {
        return EpisodeSpec.lumbar(
                "late-" + surgery,
                surgery,
                "approach-posterior",
                "technique-open",
                "graft-autologous",
                "hardware-screws",
                "setting-inpatient",
                "closure-staples",
                "nicotine-use");
    }

    static ApplyResult apply(LocalDate surgery) {
        return Engines.engine().apply(Engines.request(smoker(surgery), NOW));
    }

    @Test
    void surgeryTodaySchedulesNothingWhoseTimeHasPassed() {
        ApplyResult result = apply(TODAY);
        List<CarePlanActivityComponent> past = result.carePlan().getActivity().stream()
                .filter(a -> lastDay(a).isBefore(TODAY))
                .toList();
        assertThat(past).isNotEmpty();
        assertThat(past).allSatisfy(a -> {
            assertThat(a.getDetail().getStatus()).isEqualTo(CarePlanActivityStatus.CANCELLED);
            assertThat(a.getDetail().getStatusReason().getText()).contains("joined the plan on 2026-12-01");
        });
        assertThat(activity(result.carePlan(), "surgery").getDetail().getStatus())
                .isEqualTo(CarePlanActivityStatus.SCHEDULED);
    }

    @Test
    void surgeryTodayPlansNoMessageForATimeAlreadyGone() {
        ApplyResult result = apply(TODAY);
        assertThat(result.communications())
                .filteredOn(m -> m.getStatus() == CommunicationStatus.PREPARATION)
                .isNotEmpty()
                .allSatisfy(m -> assertThat(sendTime(m).toInstant()).isAfterOrEqualTo(NOW));
    }

    @Test
    void noAdviceForBeforeTheOperationIsSentOnceItIsDone() {
        for (LocalDate surgery : List.of(TODAY, TODAY.minusDays(3))) {
            ApplyResult result = apply(surgery);
            Communication nicotine = message(result, "nicotine-stop");
            assertThat(nicotine.getStatus()).as("surgery %s", surgery).isEqualTo(CommunicationStatus.NOTDONE);
            assertThat(nicotine.getStatusReason().getText()).contains("after the operation");
            assertThat(result.communications())
                    .filteredOn(m -> m.getStatus() == CommunicationStatus.PREPARATION)
                    .allSatisfy(
                            m -> assertThat(activityStart(result.carePlan(), m)).isAfterOrEqualTo(surgery));
        }
    }

    @Test
    void enrolmentAfterTheSurgeryMarksMissedStepsAndSendsMissedRecoveryMessagesOnceFromTomorrow() {
        LocalDate surgery = TODAY.minusDays(3);
        ApplyResult result = apply(surgery);
        CarePlanActivityComponent firstWalk = activity(result.carePlan(), "first-walk");
        assertThat(firstWalk.getDetail().getStatus()).isEqualTo(CarePlanActivityStatus.UNKNOWN);
        Communication warningSigns = message(result, "education-warning-signs");
        assertThat(warningSigns.getStatus()).isEqualTo(CommunicationStatus.PREPARATION);
        assertThat(sendTime(warningSigns).toLocalDate()).isEqualTo(TODAY.plusDays(1));
        assertThat(warningSigns.getText().getDivAsString()).contains("catch-up");
    }

    @Test
    void enrolmentTenDaysBeforeSurgeryCatchesUpOnMissedPreparationBeforeTheOperation() {
        LocalDate surgery = TODAY.plusDays(10);
        ApplyResult result = apply(surgery);
        Communication nicotine = message(result, "nicotine-stop");
        assertThat(nicotine.getStatus()).isEqualTo(CommunicationStatus.PREPARATION);
        assertThat(sendTime(nicotine).toInstant()).isAfterOrEqualTo(NOW);
        assertThat(sendTime(nicotine).toLocalDate()).isBefore(surgery);
        assertThat(result.communications())
                .filteredOn(m -> m.getStatus() == CommunicationStatus.PREPARATION)
                .allSatisfy(m -> assertThat(sendTime(m).toInstant()).isAfterOrEqualTo(NOW));
    }

    @Test
    void theCallerIsToldWhatTheLateEnrolmentChanged() {
        CarePlan onTime = apply(TODAY.plusDays(60)).carePlan();
        assertThat(onTime.getNote()).isEmpty();
        CarePlan late = apply(TODAY).carePlan();
        assertThat(late.getNote()).singleElement().satisfies(note -> assertThat(note.getText())
                .startsWith("Late enrolment: the plan was made on 2026-12-01, on the day of the surgery.")
                .contains("not scheduled")
                .contains("messages are not sent"));
        assertThat(late.getCreatedElement().getValueAsString()).isEqualTo("2026-12-01");
        assertThat(late.getText().getDivAsString())
                .as("the narrative, which the EHR note carries")
                .contains("Late enrolment: the plan was made on 2026-12-01");
    }

    @Test
    void aSurgeryTooFarInThePastIsFlaggedAndACancelledOneIsNot() {
        assertThat(apply(LocalDate.of(2025, 6, 15)).lateEnrolment()).satisfies(problem -> {
            assertThat(problem.code()).isEqualTo("business-rule");
            assertThat(problem.message()).contains("2025-06-15").contains("too late");
        });
        assertThat(apply(TODAY.minusDays(20)).lateEnrolment()).isNull();
        EpisodeSpec cancelled = smoker(LocalDate.of(2025, 6, 15))
                .withStatus(org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus.REVOKED);
        assertThat(Engines.engine().apply(Engines.request(cancelled, NOW)).lateEnrolment())
                .isNull();
    }

    @Test
    void aRevisionKeepsTheEnrolmentDaySoStepsDoneOnThePlanStayScheduled() {
        LocalDate surgery = TODAY.minusDays(3);
        ApplyRequest revision = Engines.request(smoker(surgery), NOW).withEnrolledOn(surgery.minusDays(40));
        ApplyResult result = Engines.engine().apply(revision);
        assertThat(activity(result.carePlan(), "education-welcome").getDetail().getStatus())
                .isEqualTo(CarePlanActivityStatus.SCHEDULED);
        assertThat(result.carePlan().getNote()).isEmpty();
        assertThat(message(result, "nicotine-stop").getStatus()).isEqualTo(CommunicationStatus.NOTDONE);
    }

    @Test
    void latePlansValidateWithZeroErrors() {
        for (LocalDate surgery : List.of(TODAY.minusDays(20), TODAY, TODAY.plusDays(1), TODAY.plusDays(10))) {
            ApplyResult result = apply(surgery);
            for (Resource resource : result.planResources()) {
                assertThat(Engines.validator().errors(resource))
                        .as(
                                "surgery %s: %s/%s",
                                surgery,
                                resource.fhirType(),
                                resource.getIdElement().getIdPart())
                        .isEmpty();
            }
        }
    }

    static CarePlanActivityComponent activity(CarePlan plan, String actionId) {
        return plan.getActivity().stream()
                .filter(a -> actionIdOf(a).equals(actionId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no activity " + actionId));
    }

    static String actionIdOf(CarePlanActivityComponent activity) {
        String value = ((org.hl7.fhir.r4.model.Identifier)
                        activity.getExtensionByUrl(Canonicals.EXT_ACTIVITY_IDENTIFIER)
                                .getValue())
                .getValue();
        return value.substring(value.indexOf('#') + 1);
    }

    static Communication message(ApplyResult result, String actionId) {
        return result.communications().stream()
                .filter(m -> m.getIdentifierFirstRep().getValue().endsWith("#" + actionId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no message " + actionId));
    }

    static ZonedDateTime sendTime(Communication message) {
        DateTimeType planned = (DateTimeType)
                message.getExtensionByUrl(Canonicals.EXT_PLANNED_SEND_TIME).getValue();
        return ZonedDateTime.parse(planned.getValueAsString());
    }

    static LocalDate activityStart(CarePlan plan, Communication message) {
        String value = message.getIdentifierFirstRep().getValue();
        return LocalDate.parse(window(activity(plan, value.substring(value.indexOf('#') + 1)))
                .getStartElement()
                .getValueAsString());
    }

    static Period window(CarePlanActivityComponent activity) {
        return activity.getDetail().getScheduled() instanceof Timing timing
                ? timing.getRepeat().getBoundsPeriod()
                : activity.getDetail().getScheduledPeriod();
    }

    static LocalDate lastDay(CarePlanActivityComponent activity) {
        return LocalDate.parse(window(activity).getEndElement().getValueAsString());
    }
}
