#!/usr/bin/env node
console.log('why-denied');
