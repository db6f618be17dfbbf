package org.hearth.models.rules;

/**
 * A home's learning belongs to one person. When the registry gives the home a different resident
 * id (someone new moved in), what was learned about the previous resident (baseline, open days,
 * the learned rules' memory) must not judge the new one: learning starts again. The safety rules'
 * memory stays, because it is about the kit and the home (which sensors check in, the hub, the
 * last movement) rather than about a person's routine. A swapped sensor does not come here: the
 * resident id is unchanged, so the baseline is kept.
 */
public final class ResidentChange {

    private ResidentChange() {}

    /**
     * Makes {@code state}'s learning belong to {@code residentId}.
     *
     * @return true when learning was reset for a new resident
     */
    public static boolean learnFor(HomeRulesState state, String residentId) {
        if (state.learnedFor == null) {
            // A new state, or one stored before the resident was recorded: it is this resident's.
            state.learnedFor = residentId;
            return false;
        }
        if (state.learnedFor.equals(residentId)) {
            return false;
        }
        state.learned = new LearnedState();
        state.learnedFor = residentId;
        return true;
    }
}
