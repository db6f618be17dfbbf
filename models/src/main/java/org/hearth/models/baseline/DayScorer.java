package org.hearth.models.baseline;

import java.util.List;

/** Scores a day's feature vector against the window's vectors. */
public interface DayScorer {

    /**
     * @param window feature vectors of the reference days (NaN = absent)
     * @param day the day to score
     */
    DayScore score(List<double[]> window, double[] day);
}
