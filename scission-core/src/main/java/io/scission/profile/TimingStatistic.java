package io.scission.profile;

/** Which summary of a block's timing samples the cost model uses. */
public enum TimingStatistic {
    /** The arithmetic mean: what the paper and the original tool use. The default. */
    MEAN,
    /** The median: robust to outliers such as a garbage collection during one repeat. */
    MEDIAN,
    /** The 95th percentile: a pessimistic plan. */
    P95;

    /**
     * Returns this statistic of a summary.
     *
     * @param summary the summary
     * @return seconds; NaN if the summary does not record it
     */
    public double of(TimingSummary summary) {
        switch (this) {
            case MEAN:
                return summary.mean();
            case MEDIAN:
                return summary.median();
            default:
                return summary.p95();
        }
    }
}
