package org.spinefusion.careplan.pathway.narrative;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates as a clinician reads them in a plan: "Tue 3 Mar 2026", and windows as "from ... to ...". */
public final class Dates {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private Dates() {}

    public static String day(LocalDate date) {
        return date == null ? "" : DAY.format(date);
    }

    public static String window(LocalDate start, LocalDate end) {
        if (end == null || end.equals(start)) {
            return day(start);
        }
        return day(start) + " to " + day(end);
    }
}
