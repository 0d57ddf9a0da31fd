package org.spinefusion.careplan.pathway.plan;

import java.time.LocalDate;
import org.spinefusion.careplan.pathway.definition.ActionDefinition;

/**
 * A pathway action that applies to this episode, with its real dates.
 *
 * @param end the last day of its window, or null for a single day
 */
public record ScheduledAction(ActionDefinition action, LocalDate start, LocalDate end) {}
