package org.spinefusion.careplan.pathway.plan;

import java.util.stream.Collectors;
import org.spinefusion.careplan.pathway.episode.EpisodeReader;
import org.spinefusion.careplan.pathway.narrative.Dates;

/** Human titles for the plan, e.g. "Spinal fusion recovery plan: lumbar (L4-L5), surgery Tue 3 Mar 2026". */
final class PlanTitles {

    private PlanTitles() {}

    static String title(PlanContext plan) {
        String regions = plan.episode().regions().stream().sorted().collect(Collectors.joining(" and "));
        String levels = EpisodeReader.levels(plan.episode().request());
        return "Spinal fusion recovery plan: " + regions + (levels.isEmpty() ? "" : " (" + levels + ")") + ", surgery "
                + Dates.day(plan.episode().surgeryDate());
    }
}
