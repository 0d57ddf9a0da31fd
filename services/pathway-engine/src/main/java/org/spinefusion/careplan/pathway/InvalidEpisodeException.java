package org.spinefusion.careplan.pathway;

import java.util.List;

/** The episode input cannot be turned into a plan; nothing has been produced. */
public class InvalidEpisodeException extends RuntimeException {

    private final transient List<EpisodeProblem> problems;

    public InvalidEpisodeException(List<EpisodeProblem> problems) {
        super(problems.isEmpty() ? "invalid episode" : problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    public InvalidEpisodeException(String code, String expression, String message) {
        this(List.of(new EpisodeProblem(code, expression, message)));
    }

    public List<EpisodeProblem> problems() {
        return problems;
    }
}
