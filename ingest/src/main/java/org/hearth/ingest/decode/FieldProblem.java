package org.hearth.ingest.decode;

import org.hearth.ingest.deadletter.DeadLetterReason;

/**
 * Thrown inside a decoder when a field is missing or mistyped; always caught by the decoder and
 * turned into a dead letter. Carries no stack trace: it is an outcome, not a bug.
 */
final class FieldProblem extends RuntimeException {

    final DeadLetterReason reason;

    FieldProblem(DeadLetterReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }
}
