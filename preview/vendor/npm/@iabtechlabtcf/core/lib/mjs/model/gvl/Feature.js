;
export {};
