package org.spinefusion.careplan.pathway.definition;

/** The pathway artifacts break the contract in docs/pathway-contract.md; found when the pathway loads. */
public class PathwayDefinitionException extends RuntimeException {

    public PathwayDefinitionException(String message) {
        super(message);
    }
}
