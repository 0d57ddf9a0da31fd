package org.spinefusion.careplan.pathway;

/** The canonical URLs the engine and the artifacts in {@code fhir-profiles/} agree on (docs/pathway-contract.md). */
public final class Canonicals {

    public static final String BASE = "http://careplan.spinefusion.org/fhir";

    public static final String PROFILE_SURGERY_REQUEST = BASE + "/StructureDefinition/spinal-fusion-surgery-request";
    public static final String PROFILE_CAREPLAN = BASE + "/StructureDefinition/spinal-fusion-careplan";
    public static final String PROFILE_GOAL = BASE + "/StructureDefinition/spinal-fusion-goal";
    public static final String PROFILE_QUESTIONNAIRE = BASE + "/StructureDefinition/spinal-fusion-questionnaire";
    public static final String PROFILE_EDUCATION = BASE + "/StructureDefinition/spinal-fusion-education-communication";
    public static final String PROFILE_ESCALATION =
            BASE + "/StructureDefinition/spinal-fusion-escalation-communication";

    public static final String EXT_FUSION_LEVELS = BASE + "/StructureDefinition/fusion-levels";
    public static final String EXT_ACTIVITY_IDENTIFIER = BASE + "/StructureDefinition/activity-identifier";
    public static final String EXT_PLANNED_SEND_TIME = BASE + "/StructureDefinition/planned-send-time";
    public static final String EXT_MESSAGES_PER_DAY = BASE + "/StructureDefinition/messages-per-day";
    public static final String EXT_GOAL_DUE_WITH = BASE + "/StructureDefinition/goal-due-with";
    public static final String EXT_LATE_ENROLMENT_LIMIT = BASE + "/StructureDefinition/late-enrolment-limit";
    public static final String EXT_ITEM_APPLICABILITY = BASE + "/StructureDefinition/item-applicability";

    public static final String CS_EPISODE_DETAIL = BASE + "/CodeSystem/episode-detail";
    public static final String CS_SPINAL_REGION = BASE + "/CodeSystem/spinal-region";
    public static final String CS_CARE_TEAM_ROLE = BASE + "/CodeSystem/care-team-role";
    public static final String CS_COMMUNICATION_PURPOSE = BASE + "/CodeSystem/communication-purpose";
    public static final String CS_CAREPLAN_CATEGORY = BASE + "/CodeSystem/careplan-category";

    public static final String VS_PROCEDURE = BASE + "/ValueSet/spinal-fusion-procedure";
    public static final String VS_SPINAL_REGION = BASE + "/ValueSet/spinal-region";
    public static final String VS_EPISODE_DETAIL = BASE + "/ValueSet/episode-detail";

    public static final String ID_CAREPLAN = BASE + "/identifier/careplan";
    public static final String ID_ACTIVITY = BASE + "/identifier/activity";
    public static final String ID_GOAL = BASE + "/identifier/goal";
    public static final String ID_QUESTIONNAIRE = BASE + "/identifier/questionnaire";
    public static final String ID_COMMUNICATION = BASE + "/identifier/communication";

    public static final String HL7_COMMUNICATION_CATEGORY =
            "http://terminology.hl7.org/CodeSystem/communication-category";

    private Canonicals() {}
}
