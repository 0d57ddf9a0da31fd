package org.spinefusion.careplan.service.api;

import java.util.Optional;
import java.util.Set;

/**
 * The top-level elements of a resource type that the checks on a response (authorization, audit) read. A read that is
 * answered with the stored JSON parses only these; without a bean of this type, or for a type it does not answer,
 * reads parse the whole resource. Declared here and implemented by the feature whose checks they are, so the two
 * cannot drift apart unnoticed.
 */
public interface CheckedElements {

    /** The elements, or empty when the checks on this type need the whole resource. */
    Optional<Set<String>> of(String type);
}
