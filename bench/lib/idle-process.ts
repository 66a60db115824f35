/** The footprint's ceiling: a node process with tsx's loader, as the service starts, that does nothing. */
setInterval(() => {}, 1 << 30);
process.on('SIGTERM', () => process.exit(0));
