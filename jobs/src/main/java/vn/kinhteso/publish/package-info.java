/**
 * Stage 5: staged gold made the published gold, one Delta commit per table under a journal that a
 * later run rolls back or completes ({@link vn.kinhteso.publish.GoldPublisher}); readers see only
 * the last complete publish ({@link vn.kinhteso.publish.PublishedGold}).
 */
package vn.kinhteso.publish;
