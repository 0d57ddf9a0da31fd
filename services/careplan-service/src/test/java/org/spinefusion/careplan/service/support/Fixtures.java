package org.spinefusion.careplan.service.support;

import java.util.UUID;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;

/** Small resources for tests; every id and patient is unique so tests sharing a database stay apart. */
public final class Fixtures {

    public static final String BASE = "http://careplan.spinefusion.org/fhir";
    public static final String CATEGORY_SYSTEM = "http://snomed.info/sct";
    public static final String CATEGORY_CODE = "734163000";

    private Fixtures() {}

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
    }

    public static CarePlan carePlan(String id, String patient) {
        CarePlan plan = new CarePlan();
        plan.setId(id);
        plan.setStatus(CarePlan.CarePlanStatus.ACTIVE);
        plan.setIntent(CarePlan.CarePlanIntent.PLAN);
        plan.setSubject(new Reference(patient));
        plan.addCategory(new CodeableConcept(new Coding(CATEGORY_SYSTEM, CATEGORY_CODE, "Care plan")));
        plan.addIdentifier().setSystem(BASE + "/identifier/careplan").setValue("episode-" + id);
        plan.setPeriod(new Period()
                .setStartElement(new DateTimeType("2026-03-02"))
                .setEndElement(new DateTimeType("2027-03-01")));
        plan.setTitle("Spinal fusion care plan");
        return plan;
    }

    public static Goal goal(String id, String patient, String dueDate) {
        Goal goal = new Goal();
        goal.setId(id);
        goal.setLifecycleStatus(Goal.GoalLifecycleStatus.ACTIVE);
        goal.setSubject(new Reference(patient));
        goal.getDescription().setText("Walk without aid");
        goal.addTarget().setDue(new DateType(dueDate));
        goal.addIdentifier().setSystem(BASE + "/identifier/goal").setValue("episode#" + id);
        return goal;
    }

    public static Communication plannedCommunication(String id, String patient, String plannedSendTime) {
        Communication communication = new Communication();
        communication.setId(id);
        communication.setStatus(Communication.CommunicationStatus.PREPARATION);
        communication.setSubject(new Reference(patient));
        communication.addCategory(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/communication-category", "instruction", null)));
        communication.addExtension(BASE + "/StructureDefinition/planned-send-time", new DateTimeType(plannedSendTime));
        return communication;
    }

    public static Provenance provenance(String id, String... targets) {
        Provenance provenance = new Provenance();
        provenance.setId(id);
        for (String target : targets) {
            provenance.addTarget(new Reference(target));
        }
        provenance.setRecordedElement(new org.hl7.fhir.r4.model.InstantType("2026-02-01T10:00:00Z"));
        provenance.addAgent().setWho(new Reference("Device/pathway-engine"));
        return provenance;
    }
}
