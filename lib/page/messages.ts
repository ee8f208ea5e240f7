// PLACEHOLDER (owned by the highlighting work): requests about what Backstory found on a page, settings, badge.
export interface PageProtocol {}
