export * from './digits.js';
