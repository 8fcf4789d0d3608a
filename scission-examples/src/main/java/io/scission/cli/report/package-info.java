/**
 * {@code scission report} ({@link io.scission.cli.report.ReportCommand}): a self-contained HTML file with hand-written
 * SVG charts (no scripts, nothing fetched): per-block time and output size (the paper's Fig. 3/4), each plan drawn
 * as the paper's Fig. 6-15 draw them, and top-N tables like Table IV. {@link io.scission.cli.report.HtmlReport}
 * renders a {@link io.scission.cli.report.Report}, which {@code demo} also writes.
 */
@NullMarked
package io.scission.cli.report;

import org.jspecify.annotations.NullMarked;
