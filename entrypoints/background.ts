export default defineBackground(() => {
  // Wired in later: notes store, context menu, badge.
});
