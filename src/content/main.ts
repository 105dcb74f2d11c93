console.debug('why-denied content');
