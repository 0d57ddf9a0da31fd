package org.spinefusion.careplan.ehr;

import java.io.IOException;

/**
 * The stock HAPI FHIR JPA server of {@link JpaEhr} as a process of its own, so that a benchmark measures it in a JVM
 * that runs nothing else, as the care plan service runs from its jar. Prints {@value #READY} and its FHIR base on
 * standard output once it serves, and stops when standard input closes: the process that started it holds that pipe,
 * so the server cannot outlive it.
 *
 * <p>Usage: {@code StandaloneJpaEhr <jdbc url> <user> [password]}.
 */
final class StandaloneJpaEhr {

    static final String READY = "jpa-ehr-ready ";

    private StandaloneJpaEhr() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: StandaloneJpaEhr <jdbc url> <user> [password]");
        }
        JpaEhr ehr = JpaEhr.start(new AcceptanceDatabase.Connection(args[0], args[1], args.length > 2 ? args[2] : ""));
        System.out.println(READY + ehr.baseUrl());
        System.out.flush();
        waitForEndOfInput();
        ehr.close();
        System.exit(0);
    }

    private static void waitForEndOfInput() {
        try {
            while (System.in.read() >= 0) {
                // nothing is sent on this pipe; only its end matters
            }
        } catch (IOException closed) {
            // the parent is gone
        }
    }
}
