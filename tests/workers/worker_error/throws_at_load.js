throw new TypeError('failed while loading');
