package org.spinefusion.careplan.service.escalation;

import java.time.LocalDate;

/**
 * One episode whose daily check-in window is running.
 *
 * @param questionnaireUrl the tailored symptom check the daily activity asks for
 * @param firstDay the first day a daily check-in is due; {@code lastDay} the last
 */
record CheckInWatch(
        EpisodeFacts episode, String questionnaireUrl, LocalDate surgeryDate, LocalDate firstDay, LocalDate lastDay) {}
