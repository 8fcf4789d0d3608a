package io.scission.cli.demo;

import io.scission.cli.report.Report;
import java.io.PrintWriter;
import java.util.List;

/**
 * One part of {@code scission demo}: it prints its answers, clearly labelled, and returns the report parts that
 * draw them. The demo runs its parts in order, then profiles this machine live; a new part (e.g. a bandwidth map of
 * where the best plan changes) is one more implementation in {@link DemoCommand#PARTS}.
 */
interface DemoPart {

    /**
     * Prints this part's answers and returns its report parts.
     *
     * @param out where the text goes
     * @return the parts of the HTML report, in order
     */
    List<Report> run(PrintWriter out);
}
