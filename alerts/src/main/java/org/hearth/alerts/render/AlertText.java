package org.hearth.alerts.render;

import java.util.Objects;
import org.hearth.models.alert.Rule;
import org.hearth.models.explain.Explanation;

/**
 * What a message is rendered from: the rule, the resident's alias (never a name), the home id (for
 * system and duty-line messages), the reply code and the rule's explanation.
 */
public record AlertText(Rule rule, String alias, String homeId, String replyCode, Explanation explanation) {

    public AlertText {
        Objects.requireNonNull(rule, "rule");
        alias = alias == null || alias.isBlank() ? "your resident" : alias.trim();
        Objects.requireNonNull(homeId, "homeId");
        explanation = explanation == null ? Explanation.of(null, null) : explanation;
    }

    /** A fact by name, else the fallback (which may itself be null). */
    String fact(String name, String fallback) {
        String value = explanation.facts().get(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
