// Error codes of the shared venue feed code (src/actors/venues/common).

/** A VenueFeed option is out of range (e.g. a resync deadline that is not a positive integer). */
export const ZVT_ERR_VENUE_FEED_OPTIONS = 'ZVT_ERR_VENUE_FEED_OPTIONS';
