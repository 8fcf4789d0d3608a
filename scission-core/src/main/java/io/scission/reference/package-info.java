/**
 * The paper's hardware as built-in reference data: {@link io.scission.reference.ReferenceData} holds the original
 * Scission tool's published measurements (18 models on a Raspberry Pi 4, two edge servers and a cloud machine with
 * and without GPU) and {@link io.scission.reference.ReferenceNetwork} its two measured networks, converted into this
 * library's formats with attribution. {@code Scission.referenceProfiles("resnet50")} is the short way in.
 */
@NullMarked
package io.scission.reference;

import org.jspecify.annotations.NullMarked;
