'use strict'; (function () { return typeof this })()
