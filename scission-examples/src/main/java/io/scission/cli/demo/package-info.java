/**
 * {@code scission demo} ({@link io.scission.cli.demo.DemoCommand}): the README's "run it" command. It profiles a zoo
 * model on this machine as three emulated resources and prints the paper's kinds of answers.
 */
@NullMarked
package io.scission.cli.demo;

import org.jspecify.annotations.NullMarked;
